import { useCallback, useMemo } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../components/api-error';
import { TaskStateBadge } from '../../components/state-badge';
import { VirtualTable, type Column } from '../../components/virtual-table';
import type { ResultOf } from '../../graphql/graphql';
import { ServiceTasksQuery } from '../../graphql/services.queries';
import { usePagedQuery } from '../../live/use-paged-query';
import { formatTime } from '../../model/format';
import { groupBySlot } from '../../model/slots';

type Task = ResultOf<typeof ServiceTasksQuery>['tasks']['items'][number];
interface Row {
  task: Task;
  /** The first row of its slot: the current task, or the newest when none is wanted. */
  lead: boolean;
}

const COLUMNS: Column<Row>[] = [
  { header: 'Slot', rowHeader: (r) => r.lead, cell: ({ task, lead }) => (lead ? task.slot : <span className="muted">{task.slot} (earlier)</span>) },
  { header: 'Observed', cell: ({ task }) => <TaskStateBadge state={task.status.state} /> },
  { header: 'Desired', cell: ({ task }) => task.desiredState },
  {
    header: 'Node',
    cell: ({ task }) => (task.node ? <Link to={`/nodes/${task.node.id}`}>{task.node.hostname}</Link> : <span className="muted">not placed</span>),
  },
  {
    header: 'Message or error',
    cell: ({ task: t }) => (
      <>
        {t.status.err ? <span className="error-text">{t.status.err}</span> : t.status.message}
        {t.status.exitCode !== null && t.status.exitCode !== undefined && ` (exit ${t.status.exitCode})`}
      </>
    ),
  },
  { header: 'Since', cell: ({ task }) => formatTime(task.status.timestamp) },
];

/** Each replica slot: its current task, then the two tasks it replaced last; loaded a page at a time. */
export function SlotsTable({ serviceId }: { serviceId: string }) {
  const select = useCallback((d: ResultOf<typeof ServiceTasksQuery>) => d.tasks, []);
  const list = usePagedQuery(ServiceTasksQuery, { id: serviceId }, select);
  const rows = useMemo(
    () =>
      groupBySlot(list.items).flatMap(({ current, history }) =>
        [current, ...history.slice(0, current ? 2 : 3)].filter((t): t is Task => t !== null).map((task, i) => ({ task, lead: i === 0 })),
      ),
    [list.items],
  );
  return (
    <section aria-labelledby="slots-heading">
      <h2 id="slots-heading">Tasks by slot</h2>
      <ApiError error={list.error} />
      {list.totalCount === 0 ? (
        <p className="muted">No tasks.</p>
      ) : (
        <VirtualTable
          label="Slots table"
          rows={rows}
          rowKey={(r) => r.task.id}
          rowClass={(r) => (r.lead ? undefined : 'history')}
          columns={COLUMNS}
          totalCount={list.totalCount}
          hasMore={list.hasMore}
          loading={list.loading}
          loadMore={list.loadMore}
        />
      )}
    </section>
  );
}
