import { useCallback } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../components/api-error';
import { Labels } from '../components/labels';
import { PageTitle } from '../components/page-title';
import { AvailabilityBadge, NodeStateBadge } from '../components/state-badge';
import { VirtualTable, type Column } from '../components/virtual-table';
import type { ResultOf } from '../graphql/graphql';
import { NodesQuery } from '../graphql/nodes.queries';
import { usePagedQuery } from '../live/use-paged-query';
import { formatBytes } from '../model/format';

type Node = ResultOf<typeof NodesQuery>['nodes']['items'][number];

const COLUMNS: Column<Node>[] = [
  { header: 'Hostname', rowHeader: true, cell: (n) => <Link to={`/nodes/${n.id}`}>{n.hostname}</Link> },
  { header: 'Role', cell: (n) => n.role },
  { header: 'Availability', cell: (n) => <AvailabilityBadge availability={n.availability} /> },
  { header: 'Status', cell: (n) => <NodeStateBadge state={n.status.state} /> },
  { header: 'Engine', cell: (n) => `${n.description.engineVersion} (${n.description.os}/${n.description.arch})` },
  { header: 'Resources', cell: (n) => `${n.description.cpus} CPUs, ${formatBytes(n.description.memoryBytes)}` },
  { header: 'Labels', cell: (n) => <Labels labels={n.labels} /> },
];

export default function NodesPage() {
  const select = useCallback((d: ResultOf<typeof NodesQuery>) => d.nodes, []);
  const list = usePagedQuery(NodesQuery, {}, select);
  return (
    <>
      <PageTitle>Nodes</PageTitle>
      <ApiError error={list.error} />
      {list.totalCount === 0 && <p>No node has joined yet. Start an agent with the worker join token.</p>}
      {list.items.length > 0 && (
        <VirtualTable
          label="Nodes table"
          rows={list.items}
          rowKey={(n) => n.id}
          columns={COLUMNS}
          totalCount={list.totalCount}
          hasMore={list.hasMore}
          loading={list.loading}
          loadMore={list.loadMore}
        />
      )}
    </>
  );
}
