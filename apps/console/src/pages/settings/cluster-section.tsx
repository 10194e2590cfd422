import type { ResultOf } from '../../graphql/graphql';
import type { SettingsQuery } from '../../graphql/cluster.queries';
import { formatTime } from '../../model/format';
import { ClusterSettingsForm } from './cluster-settings-form';

type Cluster = ResultOf<typeof SettingsQuery>['cluster'];

export function ClusterSection({ cluster, canEdit }: { cluster: Cluster; canEdit: boolean }) {
  const s = cluster.settings;
  return (
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
          every {s.heartbeatPeriodMs} ms; a node is down after {s.heartbeatGrace} missed heartbeats
        </dd>
        <dt>Restart delay</dt>
        <dd>{s.restartDelayMs} ms, doubling with each consecutive failure of a slot</dd>
        <dt>Task history</dt>
        <dd>{s.taskHistoryLimit} finished tasks kept per slot</dd>
      </dl>
      {canEdit && <ClusterSettingsForm settings={s} />}
    </section>
  );
}
