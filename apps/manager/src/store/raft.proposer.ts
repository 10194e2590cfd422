import { randomBytes } from 'node:crypto';
import { NotLeaderError } from '@shoal/raft';
import type { Entry as RaftEntry } from '@shoal/raft';
import { ShoalError } from '../common/errors';
import type { RaftHost } from '../raft/raft-host';
import type { ChangeSet, StoreAction } from './actions';
import { SqlitePersistence } from './persistence/sqlite.persistence';
import { Proposer } from './proposer';
import { Store } from './store';

/** A store entry as written in the Raft log. */
interface LogRecord {
  /** Who proposed it, so that manager can answer its caller once it is applied. */
  id: string;
  /** The proposer's Raft term when it submitted: the entry counts only if appended in that term. */
  term: number;
  actions: StoreAction[];
  at: string;
}

interface Waiter {
  record: LogRecord;
  resolve: (set: ChangeSet) => void;
  reject: (err: unknown) => void;
  timer: NodeJS.Timeout;
}

const COMMIT_TIMEOUT_MS = 10_000;

/**
 * The Proposer on Raft. `propose` puts the actions in the log (a follower forwards them
 * to the leader) and resolves when this manager applies that entry, so a caller reads
 * its own write on the manager it asked. `apply` is the Raft host's apply step: every
 * manager applies every committed entry to the same state machine, writes the result
 * and the applied index to SQLite in one transaction, then publishes the changes.
 * An entry whose checks fail (CONFLICT, NOT_FOUND...) still takes its index and changes
 * nothing; its proposer gets the error.
 *
 * Leader changes: a proposal sent to a leader that died is lost without a word. Each
 * record carries the term its proposer was in, and an entry whose log term differs is
 * skipped by every manager alike. So once this manager applies an entry of a later
 * term, a pending proposal of an earlier term can no longer take effect anywhere, and
 * it is submitted again — at most once applied, and a write during a failover waits for
 * the election, not for a timeout.
 */
export class RaftProposer extends Proposer {
  private readonly waiters = new Map<string, Waiter>();
  private readonly boot = randomBytes(6).toString('hex');
  private seq = 0;
  host: RaftHost | undefined;
  clock: () => Date = () => new Date();

  constructor(
    private readonly store: Store,
    private readonly persistence: SqlitePersistence,
  ) {
    super();
  }

  async propose(actions: StoreAction[]): Promise<ChangeSet> {
    const record: LogRecord = { id: `${this.boot}-${++this.seq}`, term: 0, actions, at: this.clock().toISOString() };
    this.store.state.check(record); // known to fail now: no log entry, nothing written
    return new Promise<ChangeSet>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(record.id);
        reject(new ShoalError('UNAVAILABLE', `the change was not committed within ${COMMIT_TIMEOUT_MS / 1000} s (no quorum?); it may still be applied`));
      }, COMMIT_TIMEOUT_MS);
      this.waiters.set(record.id, { record, resolve, reject, timer });
      void this.submit(record);
    });
  }

  /** Applies committed entries in order; a rejection means memory may be ahead of disk (fatal). */
  async apply(entries: RaftEntry[]): Promise<void> {
    const sets: ChangeSet[] = [];
    const outcomes: { id: string; set?: ChangeSet; error?: unknown }[] = [];
    for (const e of entries) {
      const record = e.data === null ? undefined : (JSON.parse(e.data) as LogRecord);
      if (!record || record.term !== e.term) {
        sets.push(this.store.state.skip(e.index, record?.at ?? ''));
        continue;
      }
      try {
        const set = this.store.state.apply({ actions: record.actions, at: record.at }, e.index);
        sets.push(set);
        outcomes.push({ id: record.id, set });
      } catch (err) {
        sets.push(this.store.state.skip(e.index, record.at));
        outcomes.push({ id: record.id, error: err });
      }
    }
    await this.persistence.write(sets);
    this.store.publish(sets.filter((s) => s.changes.length > 0));
    for (const { id, set, error } of outcomes) {
      const w = this.waiters.get(id);
      if (!w) continue;
      this.finish(w);
      if (set) w.resolve(set);
      else w.reject(error);
    }
    const lastTerm = entries.length > 0 ? entries[entries.length - 1].term : 0;
    for (const w of [...this.waiters.values()]) if (w.record.term > 0 && w.record.term < lastTerm) void this.submit(w.record);
  }

  /** Submits under the current term; while an election runs no leader is known, so it keeps trying. */
  private async submit(record: LogRecord): Promise<void> {
    const host = this.host!;
    for (;;) {
      const w = this.waiters.get(record.id);
      if (!w) return;
      try {
        record.term = host.node.term;
        host.propose(JSON.stringify(record));
        return;
      } catch (err) {
        if (!(err instanceof NotLeaderError)) {
          this.finish(w);
          w.reject(err);
          return;
        }
      }
      record.term = 0;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  private finish(w: Waiter): void {
    this.waiters.delete(w.record.id);
    clearTimeout(w.timer);
  }
}
