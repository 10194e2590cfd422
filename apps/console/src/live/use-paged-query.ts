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

interface Loaded<T> {
  key: string;
  /** The reload it reflects: a newer one fetches everything again. */
  reload: number;
  items: T[];
  cursor: string | null;
  totalCount: number;
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
  const [asked, setAsked] = useState({ key, count: PAGE });
  const wanted = asked.key === key ? asked.count : PAGE;
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null);
  const [error, setError] = useState<CombinedError>();
  const [loading, setLoading] = useState(true);
  const selectRef = useRef(select);
  selectRef.current = select;
  const loadedRef = useRef(loaded);
  loadedRef.current = loaded;

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

  useEffect(() => {
    let cancelled = false;
    busy.current = true;
    stale.current = false;
    setLoading(true);
    const prev = loadedRef.current;
    // More of the same list: go on from the last cursor; anything else starts from the first page.
    const more = prev !== null && prev.key === key && prev.reload === reload && prev.cursor !== null && prev.items.length < wanted;
    void (async () => {
      const items = more ? [...prev.items] : [];
      let after = more ? prev.cursor : null;
      let totalCount = prev?.totalCount ?? 0;
      try {
        do {
          const vars = { ...(JSON.parse(key) as object), first: Math.min(MAX_PAGE, wanted - items.length), after } as unknown as Variables;
          const result = await client.query(query, vars, { requestPolicy: 'network-only' }).toPromise();
          if (cancelled) return;
          if (result.error) throw result.error;
          if (!result.data) return;
          const page = selectRef.current(result.data);
          items.push(...page.items);
          totalCount = page.totalCount;
          after = page.nextCursor;
        } while (after !== null && items.length < wanted);
        setLoaded({ key, reload, items, cursor: after, totalCount });
        setError(undefined);
      } catch (e) {
        if (!cancelled) setError(e as CombinedError);
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

  const current = loaded !== null && loaded.key === key ? loaded : null;
  const hasMore = current !== null && current.cursor !== null;
  const count = current?.items.length ?? 0;
  const loadMore = useCallback(() => {
    if (!loading && hasMore) setAsked({ key, count: count + PAGE });
  }, [loading, hasMore, key, count]);
  return { items: current?.items ?? [], totalCount: current?.totalCount ?? null, hasMore, loading, error, loadMore };
}
