import { Link, useParams } from 'react-router';
import { useMutation } from 'urql';
import { ApiError } from '../../components/api-error';
import { Labels } from '../../components/labels';
import { PageTitle } from '../../components/page-title';
import { AvailabilityBadge, NodeStateBadge } from '../../components/state-badge';
import { NodeQuery, SetNodeAvailabilityMutation } from '../../graphql/nodes.queries';
import { useLiveQuery } from '../../live/use-live-query';
import { formatBytes, formatTime } from '../../model/format';
import { NodeLabelsForm } from './node-labels-form';
import { NodeMembership } from './node-membership';
import { NodeTasksTable } from './node-tasks-table';

const ACTIONS = [
  { availability: 'ACTIVE', label: 'Activate', help: 'takes new tasks' },
  { availability: 'PAUSE', label: 'Pause', help: 'keeps its tasks, takes no new ones' },
  { availability: 'DRAIN', label: 'Drain', help: 'moves its tasks away, takes no new ones' },
] as const;

export default function NodePage() {
  const { id = '' } = useParams();
  const [{ data, error }] = useLiveQuery(NodeQuery, { id });
  const [update, setAvailability] = useMutation(SetNodeAvailabilityMutation);
  const node = data?.node;
  if (data && !node)
    return (
      <>
        <PageTitle>Node not found</PageTitle>
        <p>
          There is no node with id <code>{id}</code>. <Link to="/nodes">All nodes</Link>
        </p>
      </>
    );
  return (
    <>
      <PageTitle>{node ? `Node ${node.hostname}` : 'Node'}</PageTitle>
      <ApiError error={error} />
      {node && (
        <>
          <dl className="facts">
            <dt>Status</dt>
            <dd>
              <NodeStateBadge state={node.status.state} /> {node.status.message} (since {formatTime(node.status.timestamp)})
            </dd>
            <dt>Availability</dt>
            <dd>
              <AvailabilityBadge availability={node.availability} />
            </dd>
            <dt>Role</dt>
            <dd>{node.role}</dd>
            <dt>Address</dt>
            <dd>{node.status.addr}</dd>
            <dt>Engine</dt>
            <dd>
              Docker {node.description.engineVersion}, {node.description.os}/{node.description.arch}
            </dd>
            <dt>Resources</dt>
            <dd>
              {node.description.cpus} CPUs, {formatBytes(node.description.memoryBytes)}
            </dd>
            <dt>Labels</dt>
            <dd>
              <Labels labels={node.labels} />
            </dd>
            <dt>Agent labels</dt>
            <dd>
              <Labels labels={node.description.labels} />
            </dd>
            <dt>ID</dt>
            <dd>
              <code>{node.id}</code>
            </dd>
          </dl>
          <section aria-labelledby="availability-heading">
            <h2 id="availability-heading">Availability</h2>
            <div className="actions">
              {ACTIONS.map((a) => (
                <button
                  key={a.availability}
                  type="button"
                  disabled={update.fetching || node.availability === a.availability}
                  onClick={() => void setAvailability({ id: node.id, version: node.version, availability: a.availability })}
                  title={a.help}
                >
                  {a.label}
                </button>
              ))}
            </div>
            <ApiError error={update.error} />
          </section>
          <section aria-labelledby="membership-heading">
            <h2 id="membership-heading">Managers</h2>
            <NodeMembership id={node.id} />
          </section>
          <section aria-labelledby="labels-heading">
            <h2 id="labels-heading">Operator labels</h2>
            <NodeLabelsForm id={node.id} version={node.version} labels={node.labels} />
          </section>
          <NodeTasksTable nodeId={node.id} />
        </>
      )}
    </>
  );
}
