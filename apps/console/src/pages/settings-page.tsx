import { useState } from 'react';
import { ApiError } from '../components/api-error';
import { PageTitle } from '../components/page-title';
import { Badge } from '../components/state-badge';
import { SettingsQuery } from '../graphql/cluster.queries';
import { useLiveQuery } from '../live/use-live-query';
import { formatTime } from '../model/format';

/** The cluster as the API describes it today; read-only until the API can change settings (tokens and users arrive with issue 5). */
export default function SettingsPage() {
  const [{ data, error }] = useLiveQuery(SettingsQuery, {});
  const [showToken, setShowToken] = useState(false);
  const cluster = data?.cluster;
  return (
    <>
      <PageTitle>Settings</PageTitle>
      <ApiError error={error} />
      {cluster && (
        <>
          <section aria-labelledby="cluster-heading">
            <h2 id="cluster-heading">Cluster</h2>
            <dl className="facts">
              <dt>Name</dt>
              <dd>{cluster.name}</dd>
              <dt>ID</dt>
              <dd>
                <code>{cluster.id}</code>
              </dd>
              <dt>Created</dt>
              <dd>{formatTime(cluster.createdAt)}</dd>
              <dt>Agents connect to</dt>
              <dd>
                <code>{cluster.clusterAddr}</code>
              </dd>
              <dt>Heartbeat</dt>
              <dd>
                every {cluster.settings.heartbeatPeriodMs} ms; a node is down after {cluster.settings.heartbeatGrace} missed heartbeats
              </dd>
              <dt>Restart delay</dt>
              <dd>{cluster.settings.restartDelayMs} ms, doubling with each consecutive failure of a slot</dd>
              <dt>Task history</dt>
              <dd>{cluster.settings.taskHistoryLimit} finished tasks kept per slot</dd>
            </dl>
          </section>
          <section aria-labelledby="join-heading">
            <h2 id="join-heading">Add a worker node</h2>
            <p>Start an agent on the new host with the cluster address and the worker join token:</p>
            {showToken ? (
              <pre className="snippet">
                SHOAL_MANAGERS={cluster.clusterAddr} SHOAL_JOIN_TOKEN={cluster.joinTokens.worker} node apps/agent/dist/main.js
              </pre>
            ) : (
              <button type="button" onClick={() => setShowToken(true)}>
                Show the join token
              </button>
            )}
          </section>
          <section aria-labelledby="raft-heading">
            <h2 id="raft-heading">Managers</h2>
            <p>
              Term {cluster.raft.term}, leader <code>{cluster.raft.leader ?? 'none'}</code>, committed up to {cluster.raft.commitIndex}, applied up to{' '}
              {cluster.raft.appliedIndex} (as manager <code>{cluster.raft.id}</code> sees it).
            </p>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Member</th>
                    <th scope="col">Address</th>
                    <th scope="col">Role</th>
                    <th scope="col">Reachable</th>
                    <th scope="col">Match index</th>
                  </tr>
                </thead>
                <tbody>
                  {cluster.raft.members.map((m) => (
                    <tr key={m.id}>
                      <th scope="row">
                        <code>{m.id}</code>
                      </th>
                      <td>{m.address}</td>
                      <td>{m.role}</td>
                      <td>
                        <Badge tone={m.reachable ? 'ok' : 'bad'}>{m.reachable ? 'yes' : 'no'}</Badge>
                      </td>
                      <td>{m.matchIndex ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}
