import type { Kind, StoredObject } from './objects';

/** An object as proposed for creation: the state machine sets version and updatedAt. */
export type NewObject = StoredObject extends infer T ? (T extends StoredObject ? Omit<T, 'version' | 'updatedAt'> : never) : never;

/**
 * A change to the store, as proposed and as written to the log. Everything that makes
 * an action nondeterministic (ids, timestamps, random tokens) is decided before it is
 * proposed, so applying an entry gives the same result on every manager.
 */
export type StoreAction =
  | { op: 'create'; kind: Kind; object: NewObject }
  /** Merges top-level fields; a writer patches only the fields it owns. */
  | { op: 'patch'; kind: Kind; id: string; fields: Record<string, unknown>; expectedVersion?: number; ifExists?: boolean }
  | { op: 'remove'; kind: Kind; id: string; expectedVersion?: number; ifExists?: boolean };

/** One log entry: its actions apply all together or not at all. */
export interface Entry {
  actions: StoreAction[];
  /** The proposer's clock, used as every changed object's updatedAt. */
  at: string;
}

export type ChangeAction = 'CREATED' | 'UPDATED' | 'REMOVED';

export interface Change {
  kind: Kind;
  action: ChangeAction;
  /** The object after the change (before it, for REMOVED). */
  object: StoredObject;
  previous?: StoredObject;
}

export interface ChangeSet {
  index: number;
  /** The entry's time (the proposer's clock). */
  at: string;
  changes: Change[];
}
