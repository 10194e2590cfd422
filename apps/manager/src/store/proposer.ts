import type { ChangeSet, StoreAction } from './actions';

/**
 * The one way to change cluster state. Resolves once the entry is applied and durable,
 * with what it changed; rejects with a ShoalError (CONFLICT, NOT_FOUND, ...) when the
 * entry's checks fail, in which case nothing was written. The local implementation
 * commits to SQLite; the Raft implementation (issue 3) replicates first.
 */
export abstract class Proposer {
  abstract propose(actions: StoreAction[]): Promise<ChangeSet>;
}
