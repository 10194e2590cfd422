import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../components/api-error';
import { PageTitle } from '../components/page-title';
import { Badge } from '../components/state-badge';
import { VirtualTable, type Column } from '../components/virtual-table';
import type { ResultOf, VariablesOf } from '../graphql/graphql';
import { ServicesQuery } from '../graphql/services.queries';
import { usePagedQuery } from '../live/use-paged-query';
import { formatTime } from '../model/format';

type Service = ResultOf<typeof ServicesQuery>['services']['items'][number];
type Filter = NonNullable<VariablesOf<typeof ServicesQuery>['filter']>;

const COLUMNS: Column<Service>[] = [
  { header: 'Name', rowHeader: true, cell: (s) => <Link to={`/services/${s.id}`}>{s.name}</Link> },
  { header: 'Image', cell: (s) => <code>{s.image}</code> },
  { header: 'Mode', cell: (s) => s.mode.toLowerCase().replace('_', ' ') },
  {
    header: 'Replicas (running/desired)',
    cell: (s) => <Badge tone={s.runningReplicas === s.desiredTasks ? 'ok' : 'progress'}>{`${s.runningReplicas}/${s.desiredTasks}`}</Badge>,
  },
  { header: 'Updated', cell: (s) => formatTime(s.updatedAt) },
];

/** Typing settles for this long before the name filter goes to the server. */
const TYPING_MS = 250;

export default function ServicesPage() {
  const [name, setName] = useState('');
  const [filter, setFilter] = useState<Filter>({});
  useEffect(() => {
    const value = name.trim() || null;
    const t = setTimeout(() => setFilter((f) => ((f.nameContains ?? null) === value ? f : { ...f, nameContains: value })), TYPING_MS);
    return () => clearTimeout(t);
  }, [name]);
  const select = useCallback((d: ResultOf<typeof ServicesQuery>) => d.services, []);
  const list = usePagedQuery(ServicesQuery, { filter }, select);
  const filtered = Boolean(filter.nameContains || filter.mode || filter.converged != null);
  return (
    <>
      <PageTitle>Services</PageTitle>
      <p>
        <Link className="button" to="/services/new">
          Create service
        </Link>
      </p>
      <form className="filters" role="search" aria-label="Filter services" onSubmit={(e) => e.preventDefault()}>
        <label>
          Name contains <input type="search" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Mode{' '}
          <select value={filter.mode ?? ''} onChange={(e) => setFilter((f) => ({ ...f, mode: (e.target.value || null) as Filter['mode'] }))}>
            <option value="">any</option>
            <option value="REPLICATED">replicated</option>
            <option value="GLOBAL">global</option>
            <option value="REPLICATED_JOB">replicated job</option>
            <option value="GLOBAL_JOB">global job</option>
          </select>
        </label>
        <label>
          State{' '}
          <select
            value={filter.converged == null ? '' : String(filter.converged)}
            onChange={(e) => setFilter((f) => ({ ...f, converged: e.target.value === '' ? null : e.target.value === 'true' }))}
          >
            <option value="">any</option>
            <option value="true">converged</option>
            <option value="false">converging</option>
          </select>
        </label>
      </form>
      <ApiError error={list.error} />
      {list.totalCount === 0 && <p>{filtered ? 'No service matches.' : 'No services yet.'}</p>}
      {list.items.length > 0 && (
        <VirtualTable
          label="Services table"
          rows={list.items}
          rowKey={(s) => s.id}
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
