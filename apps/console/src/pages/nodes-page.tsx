import { Link } from 'react-router';
import { ApiError } from '../components/api-error';
import { Labels } from '../components/labels';
import { PageTitle } from '../components/page-title';
import { AvailabilityBadge, NodeStateBadge } from '../components/state-badge';
import { NodesQuery } from '../graphql/nodes.queries';
import { useLiveQuery } from '../live/use-live-query';
import { formatBytes } from '../model/format';

export default function NodesPage() {
  const [{ data, error }] = useLiveQuery(NodesQuery, {});
  return (
    <>
      <PageTitle>Nodes</PageTitle>
      <ApiError error={error} />
      {data && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Hostname</th>
                <th scope="col">Role</th>
                <th scope="col">Availability</th>
                <th scope="col">Status</th>
                <th scope="col">Engine</th>
                <th scope="col">Resources</th>
                <th scope="col">Labels</th>
              </tr>
            </thead>
            <tbody>
              {data.nodes.items.map((n) => (
                <tr key={n.id}>
                  <th scope="row">
                    <Link to={`/nodes/${n.id}`}>{n.hostname}</Link>
                  </th>
                  <td>{n.role}</td>
                  <td>
                    <AvailabilityBadge availability={n.availability} />
                  </td>
                  <td>
                    <NodeStateBadge state={n.status.state} />
                  </td>
                  <td>
                    {n.description.engineVersion} ({n.description.os}/{n.description.arch})
                  </td>
                  <td>
                    {n.description.cpus} CPUs, {formatBytes(n.description.memoryBytes)}
                  </td>
                  <td>
                    <Labels labels={n.labels} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.nodes.totalCount > data.nodes.items.length && (
            <p className="muted">
              The first {data.nodes.items.length} of {data.nodes.totalCount} nodes, by hostname.
            </p>
          )}
          {data.nodes.totalCount === 0 && <p>No node has joined yet. Start an agent with the worker join token.</p>}
        </div>
      )}
    </>
  );
}
