import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient, type AnyVariables, type CombinedError, type TypedDocumentNode } from 'urql';
import { useLive } from './live-context';

export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
  totalCount: number;
}

/** Items asked for at first and by each loadMore: what fills a screen or two. */
export const PAGE = 100;
/** The API's largest page (docs/api.md): what a refresh of many loaded items asks for at once. */
const MAX_PAGE = 500;

export interface PagedList<T> {
  items: T[];
  totalCount: number | null;
  hasMore: boolean;
  loading: boolean;
  error: CombinedError | undefined;
  /** Asks for PAGE more items; does nothing while a load runs or when all are loaded. */
  loadMore: () => void;
}

/**
 * A list the API pages (docs/design/api-pagination.md), loaded a page at a time as the user
 * asks for more and kept current: when the live layer says something changed, the items
 * loaded so far are fetched again from the first page (cursors are keys, so the refetch
 * sees inserts and removals). `variables` (filters) are sent to the server; changing them
 * starts again from the first page. `select` picks the page out of the result.
 */
export function usePagedQuery<Data, Variables extends AnyVariables, T>(
  query: TypedDocumentNode<Data, Variables>,
  variables: Omit<Variables, 'first' | 'after'>,
  select: (data: Data) => PageOf<T>,
): PagedList<T> {
  const client = useClient();
  const { revision } = useLive();
  const key = JSON.stringify(variables);
  const [wanted, setWanted] = useState(PAGE);
  const [state, setState] = useState<{ key: string; items: T[]; totalCount: number | null; more: boolean; error?: CombinedError }>({
    key,
    items: [],
    totalCount: null,
    more: false,
  });
  const [loading, setLoading] = useState(true);
  const selectRef = useRef(select);
  selectRef.current = select;
  // A change while a load runs reloads once that load is done, so bursts of events cannot starve it.
  const [reload, setReload] = useState(0);
  const busy = useRef(false);
  const stale = useRef(false);
  const seen = useRef(revision);
  useEffect(() => {
    if (seen.current === revision) return;
    seen.current = revision;
    if (busy.current) stale.current = true;
    else setReload((r) => r + 1);
  }, [revision]);

  // Filters changed: start again with one page.
  useEffect(() => setWanted(PAGE), [key]);

  useEffect(() => {
    let cancelled = false;
    busy.current = true;
    stale.current = false;
    setLoading(true);
    void (async () => {
      const items: T[] = [];
      let after: string | null = null;
      let totalCount = 0;
      let more = false;
      try {
        do {
          const first = Math.min(MAX_PAGE, wanted - items.length);
          const vars = { ...(JSON.parse(key) as object), first, after } as unknown as Variables;
          const result = await client.query(query, vars, { requestPolicy: 'network-only' }).toPromise();
          if (cancelled) return;
          if (result.error) throw result.error;
          if (!result.data) return;
          const page = selectRef.current(result.data);
          items.push(...page.items);
          totalCount = page.totalCount;
          after = page.nextCursor;
          more = after !== null;
        } while (after !== null && items.length < wanted);
        setState({ key, items, totalCount, more });
      } catch (e) {
        if (!cancelled) setState((s) => ({ ...s, key, error: e as CombinedError }));
      } finally {
        if (!cancelled) {
          busy.current = false;
          setLoading(false);
          if (stale.current) setReload((r) => r + 1);
        }
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [client, query, key, wanted, reload]);

  const current = state.key === key;
  const loadMore = useCallback(() => {
    if (!loading && state.more) setWanted(state.items.length + PAGE);
  }, [loading, state.more, state.items.length]);
  return {
    items: current ? state.items : [],
    totalCount: current ? state.totalCount : null,
    hasMore: current && state.more,
    loading,
    error: state.error,
    loadMore,
  };
}
