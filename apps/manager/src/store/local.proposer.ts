import { Logger } from '@nestjs/common';
import type { ChangeSet, Entry, StoreAction } from './actions';
import { Proposer } from './proposer';
import { SqlitePersistence } from './persistence/sqlite.persistence';
import { Store } from './store';

interface Pending {
  entry: Entry;
  resolve: (set: ChangeSet) => void;
  reject: (err: unknown) => void;
}

/**
 * A single-manager proposer: entries are applied in order and committed to SQLite in
 * groups (every entry queued while a commit is in flight joins the next one), then
 * acknowledged. A failed disk write is fatal: memory may be ahead of disk, so the
 * process exits and recovers from the database on restart, where nothing acknowledged
 * is missing.
 */
export class LocalProposer extends Proposer {
  private readonly log = new Logger('LocalProposer');
  private queue: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly store: Store,
    private readonly persistence: SqlitePersistence,
    private readonly clock: () => Date = () => new Date(),
  ) {
    super();
  }

  propose(actions: StoreAction[]): Promise<ChangeSet> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry: { actions, at: this.clock().toISOString() }, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        const applied: { set: ChangeSet; p: Pending }[] = [];
        for (const p of batch) {
          try {
            applied.push({ set: this.store.state.apply(p.entry, this.store.appliedIndex + 1), p });
          } catch (err) {
            p.reject(err);
          }
        }
        if (applied.length === 0) continue;
        const sets = applied.map((a) => a.set);
        try {
          await this.persistence.write(sets);
        } catch (err) {
          this.log.fatal(`could not write to the state database; exiting to recover from disk: ${String(err)}`);
          process.exit(70);
        }
        this.store.publish(sets);
        for (const { set, p } of applied) p.resolve(set);
      }
    } finally {
      this.flushing = false;
    }
  }
}
