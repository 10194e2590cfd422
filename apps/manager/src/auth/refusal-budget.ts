/**
 * How many refused mutations of one principal get an audit record. Each record is a Raft
 * entry written on every manager, so without a bound a viewer could make the cluster
 * write as fast as it can send refused mutations. A principal has `capacity` records,
 * refilled at `capacity` per minute; past that, refusals are still refused, only not
 * recorded, and `take` reports how many went unrecorded so the caller can say so.
 */
export class RefusalBudget {
  clock: () => number = () => Date.now();
  private readonly buckets = new Map<string, { tokens: number; at: number; unrecorded: number }>();

  constructor(private readonly capacity = 20) {}

  /** Whether this refusal is recorded, and how many before it were not since the last one that was. */
  take(principalId: string): { record: boolean; unrecorded: number } {
    const now = this.clock();
    const b = this.buckets.get(principalId) ?? { tokens: this.capacity, at: now, unrecorded: 0 };
    b.tokens = Math.min(this.capacity, b.tokens + ((now - b.at) * this.capacity) / 60_000);
    b.at = now;
    this.buckets.set(principalId, b);
    if (this.buckets.size > 10_000) this.forgetFull(now);
    if (b.tokens < 1) {
      b.unrecorded++;
      return { record: false, unrecorded: b.unrecorded };
    }
    b.tokens--;
    const unrecorded = b.unrecorded;
    b.unrecorded = 0;
    return { record: true, unrecorded };
  }

  /** Principals whose budget has refilled need no entry: keeps the map bounded. */
  private forgetFull(now: number): void {
    for (const [id, b] of this.buckets) {
      if (b.unrecorded === 0 && b.tokens + ((now - b.at) * this.capacity) / 60_000 >= this.capacity) this.buckets.delete(id);
    }
  }
}
