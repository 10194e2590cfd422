import type { ServiceObject } from '../store/objects';
import type { Store } from '../store/store';
import type { ServiceFilterInput } from './inputs/list-filter.input';
import { desiredTaskCount, runningTaskCount } from './service-counts';

/** Whether `s` passes every field given in `filter` (Query.services). */
export function serviceMatches(store: Store, s: ServiceObject, filter: ServiceFilterInput | undefined | null): boolean {
  if (!filter) return true;
  if (filter.nameContains != null && !s.spec.name.toLowerCase().includes(filter.nameContains.toLowerCase())) return false;
  if (filter.mode != null && (s.spec.mode ?? 'REPLICATED') !== (filter.mode as string)) return false;
  if (filter.updateState != null && s.updateStatus?.state !== filter.updateState) return false;
  if (filter.converged != null && (runningTaskCount(store, s.id) === desiredTaskCount(store, s)) !== filter.converged) return false;
  return true;
}
