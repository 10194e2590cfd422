import { Link } from 'react-router';
import { ApiError } from '../components/api-error';
import { EventList } from '../components/event-list';
import { PageTitle } from '../components/page-title';
import { Badge, TaskStateBadge } from '../components/state-badge';
import { UsageCard } from '../components/usage-chart';
import { DashboardQuery } from '../graphql/cluster.queries';
import type { ResultOf } from '../graphql/graphql';
import { useLive } from '../live/live-context';
import { useLiveQuery } from '../live/use-live-query';
import { formatBytes } from '../model/format';
import { quorumHealth } from '../model/quorum';
import { TASK_STATES, type TaskState } from '../model/task-state';
import { CapacityCard } from './dashboard/capacity-card';

export default function DashboardPage() {
  const [{ data, error }] = useLiveQuery(DashboardQuery, {});
  const { events } = useLive();
  return (
    <>
      <PageTitle>Dashboard</PageTitle>
      <ApiError error={error} />
      {data && (
        <div className="cards">
          <Managers raft={data.cluster.raft} />
          <section className="card" aria-labelledby="nodes-card">
            <h2 id="nodes-card">Nodes</h2>
            <p className="big">
              {data.nodes.items.filter((n) => n.status.state === 'READY').length} ready
              {' · '}
              {data.nodes.items.filter((n) => n.status.state !== 'READY').length} down or unknown
            </p>
            <p>
              {data.nodes.items.reduce((a, n) => a + n.description.cpus, 0)} CPUs,{' '}
              {formatBytes(data.nodes.items.reduce((a, n) => a + n.description.memoryBytes, 0))} memory
            </p>
            <Link to="/nodes">All nodes</Link>
          </section>
          <Services converged={data.converged.totalCount} behind={data.behind} />
          <section className="card" aria-labelledby="tasks-card">
            <h2 id="tasks-card">Tasks by state</h2>
            <TaskCounts data={data} />
          </section>
          <CapacityCard nodes={data.nodes.items} />
          <UsageCard />
        </div>
      )}
      <section aria-labelledby="recent-events">
        <h2 id="recent-events">Recent events</h2>
        <EventList events={events.slice(0, 10)} />
        <Link to="/events">All events</Link>
      </section>
    </>
  );
}

type Dashboard = ResultOf<typeof DashboardQuery>;

function Managers({ raft }: { raft: Dashboard['cluster']['raft'] }) {
  const q = quorumHealth(raft);
  return (
    <section className="card" aria-labelledby="managers-card">
      <h2 id="managers-card">Managers</h2>
      <p className="big">
        <Badge tone={q.healthy ? 'ok' : 'bad'}>{q.healthy ? 'Quorum' : 'No quorum'}</Badge> {q.reachable} of {q.managers} reachable
      </p>
      <p>
        Leader {raft.leader ?? 'none (election in progress)'}, term {raft.term}; {q.tolerates === 1 ? 'can lose 1 manager' : `can lose ${q.tolerates} managers`}
      </p>
      <ul className="plain">
        {raft.members.map((m) => (
          <li key={m.id}>
            <code>{m.id}</code> {m.address} {m.role} {m.reachable ? '' : <Badge tone="bad">unreachable</Badge>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Counts from the server (filters and totalCount), so a thousand services cost one small query. */
function Services({ converged, behind }: { converged: number; behind: Dashboard['behind'] }) {
  const converging = behind.totalCount;
  return (
    <section className="card" aria-labelledby="services-card">
      <h2 id="services-card">Services</h2>
      <p className="big">
        {converged} converged · {converging} converging
      </p>
      {behind.items.length > 0 && (
        <ul className="plain">
          {behind.items.map((s) => (
            <li key={s.id}>
              <Link to={`/services/${s.id}`}>{s.name}</Link> {s.runningReplicas}/{s.desiredTasks}
            </li>
          ))}
        </ul>
      )}
      <Link to="/services">All services</Link>
    </section>
  );
}

/** Tasks the managers want running, by observed state: one totalCount per state (aliases in DashboardQuery). */
function TaskCounts({ data }: { data: Dashboard }) {
  const counts = TASK_STATES.map((state) => ({ state, count: data[stateAlias(state)].totalCount })).filter((c) => c.count > 0);
  if (counts.length === 0) return <p className="muted">No tasks should run.</p>;
  return (
    <ul className="counts">
      {counts.map(({ state, count }) => (
        <li key={state}>
          <TaskStateBadge state={state} /> {count}
        </li>
      ))}
    </ul>
  );
}

function stateAlias(state: TaskState) {
  return state.toLowerCase() as Lowercase<TaskState>;
}
