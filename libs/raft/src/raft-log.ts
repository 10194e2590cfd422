import type { Entry } from './types';

/**
 * A node's log in memory and how much of it is durable. No compaction yet:
 * `entries[i]` holds index i + 1 (snapshots will add an offset).
 */
export class RaftLog {
  private entries: Entry[];
  /** Entries up to this index are durable. */
  stable: number;

  constructor(persisted: readonly Entry[] = []) {
    persisted.forEach((e, i) => {
      if (e.index !== i + 1) throw new Error(`persisted log has index ${e.index} at position ${i + 1}`);
    });
    this.entries = persisted.map((e) => ({ ...e }));
    this.stable = this.entries.length;
  }

  lastIndex(): number {
    return this.entries.length;
  }

  /** 0 for index 0, -1 for an index the log does not hold. */
  termAt(index: number): number {
    if (index === 0) return 0;
    return this.entries[index - 1]?.term ?? -1;
  }

  /** Entries with indexes from..to, both included (clipped to the log). */
  slice(from: number, to: number): Entry[] {
    return this.entries.slice(from - 1, to);
  }

  unstable(): Entry[] {
    return this.entries.slice(this.stable);
  }

  stableTo(index: number): void {
    this.stable = Math.max(this.stable, Math.min(index, this.entries.length));
  }

  /** The leader's own new entries. */
  appendNew(term: number, data: readonly (string | null)[]): void {
    for (const d of data) this.entries.push({ term, index: this.entries.length + 1, data: d });
  }

  /**
   * A leader's entries that follow a matching entry: ones already held are skipped, the
   * first conflicting one and everything after it are replaced. Committed entries never
   * conflict in a correct cluster; if one does, this throws rather than lose it.
   */
  merge(entries: readonly Entry[], commit: number): void {
    for (const e of entries) {
      if (e.index <= this.lastIndex()) {
        if (this.termAt(e.index) === e.term) continue;
        if (e.index <= commit) throw new Error(`entry ${e.index} conflicts with a committed entry (commit ${commit})`);
        this.entries.length = e.index - 1;
        this.stable = Math.min(this.stable, e.index - 1);
      }
      this.entries.push({ ...e });
    }
  }

  /** The largest index ≤ `index` whose term is ≤ `term` (etcd's findConflictByTerm). */
  findConflictByTerm(index: number, term: number): number {
    let i = Math.min(index, this.lastIndex());
    while (i > 0 && this.termAt(i) > term) i--;
    return i;
  }
}
