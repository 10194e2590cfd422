import type { ConfState, Entry, LogOffset } from './types';

/**
 * A node's log in memory and how much of it is durable. Entries up to `offset.index`
 * were compacted away (they are in a snapshot); `entries[i]` holds index
 * offset.index + i + 1.
 */
export class RaftLog {
  private entries: Entry[];
  offset: LogOffset;
  /** Entries up to this index are durable. */
  stable: number;

  constructor(persisted: readonly Entry[] = [], offset: LogOffset = { index: 0, term: 0 }) {
    persisted.forEach((e, i) => {
      if (e.index !== offset.index + i + 1) throw new Error(`persisted log has index ${e.index} at position ${offset.index + i + 1}`);
    });
    this.offset = { ...offset };
    this.entries = persisted.map((e) => ({ ...e }));
    this.stable = this.lastIndex();
  }

  firstIndex(): number {
    return this.offset.index + 1;
  }

  lastIndex(): number {
    return this.offset.index + this.entries.length;
  }

  /** 0 for index 0, -1 for an index the log does not hold (compacted or beyond the end). */
  termAt(index: number): number {
    if (index === 0) return 0;
    if (index === this.offset.index) return this.offset.term;
    if (index < this.offset.index) return -1;
    return this.entries[index - this.offset.index - 1]?.term ?? -1;
  }

  /** Entries with indexes from..to, both included (clipped to what the log holds). */
  slice(from: number, to: number): Entry[] {
    const lo = Math.max(from, this.firstIndex());
    return this.entries.slice(lo - this.offset.index - 1, Math.max(0, to - this.offset.index));
  }

  unstable(): Entry[] {
    return this.slice(this.stable + 1, this.lastIndex());
  }

  /**
   * Entries up to `index` were persisted — unless the log was rewritten there since they
   * were handed out (a leader's conflicting entries arrived meanwhile): then the new
   * entries are not durable and stay unstable, to be persisted with the next Ready.
   */
  stableTo(index: number, term: number): void {
    if (this.termAt(index) !== term) return;
    this.stable = Math.max(this.stable, Math.min(index, this.lastIndex()));
  }

  /** The leader's own new entries. */
  appendNew(term: number, data: readonly (string | null)[]): void {
    for (const d of data) this.entries.push({ term, index: this.lastIndex() + 1, data: d });
  }

  /** The leader's membership change. */
  appendConf(term: number, conf: ConfState): void {
    this.entries.push({ term, index: this.lastIndex() + 1, data: null, conf });
  }

  /**
   * A leader's entries that follow a matching entry: ones already held are skipped, the
   * first conflicting one and everything after it are replaced. Committed entries never
   * conflict in a correct cluster; if one does, this throws rather than lose it.
   * Returns the first index replaced (Infinity when none was).
   */
  merge(entries: readonly Entry[], commit: number): number {
    let cut = Infinity;
    for (const e of entries) {
      if (e.index <= this.offset.index) continue; // compacted: committed and identical
      if (e.index <= this.lastIndex()) {
        if (this.termAt(e.index) === e.term) continue;
        if (e.index <= commit) throw new Error(`entry ${e.index} conflicts with a committed entry (commit ${commit})`);
        this.entries.length = e.index - this.offset.index - 1;
        this.stable = Math.min(this.stable, e.index - 1);
        cut = Math.min(cut, e.index);
      }
      this.entries.push({ ...e });
    }
    return cut;
  }

  /** Drops entries up to `index` (already applied and durable; a snapshot covers them). */
  compact(index: number, conf: ConfState | undefined): void {
    if (index <= this.offset.index) return;
    if (index > this.stable) throw new Error(`cannot compact to ${index}: only ${this.stable} is durable`);
    const term = this.termAt(index);
    this.entries = this.entries.slice(index - this.offset.index);
    this.offset = { index, term, conf };
  }

  /** Replaces the whole log by a snapshot's position (a follower installing a snapshot). */
  restore(offset: LogOffset): void {
    this.entries = [];
    this.offset = { ...offset };
    this.stable = offset.index;
  }

  /** The largest index ≤ `index` whose term is ≤ `term` (etcd's findConflictByTerm). */
  findConflictByTerm(index: number, term: number): number {
    let i = Math.min(index, this.lastIndex());
    while (i > this.offset.index && this.termAt(i) > term) i--;
    return i;
  }
}
