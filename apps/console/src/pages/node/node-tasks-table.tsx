import { useCallback } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../components/api-error';
import { TaskStateBadge } from '../../components/state-badge';
import { VirtualTable, type Column } from '../../components/virtual-table';
import type { ResultOf } from '../../graphql/graphql';
import { NodeTasksQuery } from '../../graphql/nodes.queries';
import { usePagedQuery } from '../../live/use-paged-query';

type Task = ResultOf<typeof NodeTasksQuery>['tasks']['items'][number];

const COLUMNS: Column<Task>[] = [
  {
    header: 'Task',
    rowHeader: true,
    cell: (t) => (
      <Link to={`/services/${t.serviceId}`}>
        {t.serviceName}.{t.slot}
      </Link>
    ),
  },
  { header: 'Desired', cell: (t) => t.desiredState },
  { header: 'Observed', cell: (t) => <TaskStateBadge state={t.status.state} /> },
  { header: 'Message', cell: (t) => t.status.err ?? t.status.message },
];

/** The tasks on a node, a page at a time, in a virtualized table. */
export function NodeTasksTable({ nodeId }: { nodeId: string }) {
  const select = useCallback((d: ResultOf<typeof NodeTasksQuery>) => d.tasks, []);
  const list = usePagedQuery(NodeTasksQuery, { nodeId }, select);
  return (
    <section aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">Tasks on this node</h2>
      <ApiError error={list.error} />
      {list.totalCount === 0 ? (
        <p className="muted">No tasks.</p>
      ) : (
        <VirtualTable
          label="Node tasks table"
          rows={list.items}
          rowKey={(t) => t.id}
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
