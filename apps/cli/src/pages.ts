import type { Api } from './api';

/** The page size the CLI asks for: the API's maximum, so few round trips. */
export const PAGE = 500;

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Every item of a paged list (docs/api.md, "Pagination"), following nextCursor to the last page.
 * `query` declares `$first: Int` and `$after: String`, passes them to the list field `field`
 * and selects `items { ... } nextCursor`.
 */
export async function allPages<T>(api: Api, query: string, field: string, variables: Record<string, unknown> = {}): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  do {
    const data: Record<string, Page<T>> = await api<Record<string, Page<T>>>(query, { ...variables, first: PAGE, after });
    items.push(...data[field].items);
    after = data[field].nextCursor;
  } while (after);
  return items;
}

export interface RunningTask {
  id: string;
  slot: number;
  desiredState: string;
  status: { state: string; message: string; err: string | null };
}

/** The tasks of a service that should run, on every page. */
export function runningTasks(api: Api, serviceId: string): Promise<RunningTask[]> {
  return allPages<RunningTask>(
    api,
    'query($id: ID!, $first: Int, $after: String) { tasks(first: $first, after: $after, filter: { serviceId: $id, desiredState: RUNNING }) { items { id slot desiredState status { state message err } } nextCursor } }',
    'tasks',
    { id: serviceId },
  );
}
