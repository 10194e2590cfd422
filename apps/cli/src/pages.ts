import type { ResultOf, TadaDocumentNode, VariablesOf } from '@shoal/sdk';
import type { Api } from './api';
import { RUNNING_TASKS_PAGE } from './documents/services';

/** The page size the CLI asks for: the API's maximum, so few round trips. */
export const PAGE = 500;

interface Page<T> {
  items: readonly T[];
  nextCursor: string | null;
}

/**
 * Every item of a paged list (docs/api.md, "Pagination"), following nextCursor to the last
 * page. `document` declares `$first: Int` and `$after: String` and passes them to the list
 * field that `pageOf` picks from its answer.
 */
export async function allPages<D extends TadaDocumentNode<ResultOf<D>, VariablesOf<D>>, T>(
  api: Api,
  document: D,
  pageOf: (data: ResultOf<D>) => Page<T>,
  variables: Omit<VariablesOf<D>, 'first' | 'after'>,
): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  do {
    const page: Page<T> = pageOf(await api(document, { ...variables, first: PAGE, after } as VariablesOf<D>));
    items.push(...page.items);
    after = page.nextCursor;
  } while (after);
  return items;
}

export type RunningTask = ResultOf<typeof RUNNING_TASKS_PAGE>['tasks']['items'][number];

/** The tasks of a service that should run, on every page. */
export function runningTasks(api: Api, serviceId: string): Promise<RunningTask[]> {
  return allPages(api, RUNNING_TASKS_PAGE, (d) => d.tasks, { id: serviceId });
}
