import { badInput } from '../../common/errors';

/** Page sizes of every top-level list (docs/design/api-pagination.md). */
export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 500;

/** A position in a list's order: the sort key of an item, compared field by field. */
export type Key = readonly (string | number)[];

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  totalCount: number;
}

/**
 * One page of `items` (already filtered) in the order of `keyOf`, after the cursor `after`.
 * Keyset paging: the cursor holds the key of the last item returned, not an offset, so items
 * inserted or removed before it shift nothing; an item present throughout is returned exactly
 * once. `list` names the list in the cursor so a cursor from another list is refused.
 * Keys must be unique (end them with the id) and immutable.
 */
export function keysetPage<T>(list: string, items: readonly T[], keyOf: (item: T) => Key, args: PageArgs = {}): Page<T> {
  const size = pageSize(args.first);
  const after = args.after == null ? undefined : decodeCursor(list, args.after);
  const keyed = items.map((item) => ({ item, key: keyOf(item) })).sort((a, b) => compareKeys(a.key, b.key));
  const start = after === undefined ? 0 : firstAfter(keyed, after);
  const page = keyed.slice(start, start + size);
  const more = start + size < keyed.length;
  return {
    items: page.map((k) => k.item),
    nextCursor: more && page.length > 0 ? encodeCursor(list, page[page.length - 1].key) : null,
    totalCount: items.length,
  };
}

/** `first` checked: 1..MAX_PAGE, DEFAULT_PAGE when omitted. */
export function pageSize(first: number | null | undefined, max = MAX_PAGE, fallback = DEFAULT_PAGE): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > max) throw badInput('first', `give 1 to ${max} (${fallback} when omitted)`);
  return size;
}

export function compareKeys(a: Key, b: Key): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return a.length - b.length;
}

/** Opaque to clients: base64url of `[list, ...key]`. */
export function encodeCursor(list: string, key: Key): string {
  return Buffer.from(JSON.stringify([list, ...key])).toString('base64url');
}

export function decodeCursor(list: string, cursor: string): Key {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput('after', 'not a cursor: pass a nextCursor from this list, or leave it out for the first page');
  }
  if (!Array.isArray(parsed) || parsed.length < 2 || !parsed.every((p) => typeof p === 'string' || typeof p === 'number')) {
    throw badInput('after', 'not a cursor: pass a nextCursor from this list, or leave it out for the first page');
  }
  if (parsed[0] !== list) throw badInput('after', `a cursor of another list (${String(parsed[0])}): pass a nextCursor of ${list}`);
  return parsed.slice(1);
}

/** Index of the first item whose key is greater than `key` (binary search on the sorted keys). */
function firstAfter(keyed: readonly { key: Key }[], key: Key): number {
  let lo = 0;
  let hi = keyed.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareKeys(keyed[mid].key, key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Default size of a nested list (Service.tasks, Node.tasks); MAX_PAGE caps it too. */
export const DEFAULT_NESTED = 100;

export function mapPage<T, U>(page: Page<T>, f: (item: T) => U): Page<U> {
  return { ...page, items: page.items.map(f) };
}
