import { canonicalJson } from './container-spec';

/** One difference between two specs: a field path (`container.mounts[0].target`) and its JSON values, absent when unset. */
export interface SpecChange {
  path: string;
  old?: string;
  new?: string;
}

/**
 * The differences between two specs, field by field, in path order. Objects are compared
 * key by key; a list whose length changed is one change, otherwise item by item.
 */
export function specChanges(before: unknown, after: unknown, path = ''): SpecChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => specChanges(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((v, i) => specChanges(v, after[i], `${path}[${i}]`));
  }
  if (before === undefined && after === undefined) return [];
  const o = before === undefined ? undefined : canonicalJson(before);
  const n = after === undefined ? undefined : canonicalJson(after);
  if (o === n) return [];
  return [{ path, ...(o !== undefined ? { old: o } : {}), ...(n !== undefined ? { new: n } : {}) }];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
