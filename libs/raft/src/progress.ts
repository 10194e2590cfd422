/**
 * The leader's view of one follower. In `probe` it sends one append at a time until it
 * finds where the logs match; in `replicate` it pipelines up to maxInflight appends; in
 * `snapshot` it waits for the follower to install a snapshot (its next entry was
 * compacted away), and gives up after a while to try again.
 */
export class Progress {
  match = 0;
  next: number;
  state: 'probe' | 'replicate' | 'snapshot' = 'probe';
  /** In snapshot: the index of the snapshot sent, and ticks spent waiting for it. */
  pendingSnapshot = 0;
  snapshotTicks = 0;
  /** In probe: an append was sent and is not answered yet. */
  probeSent = false;
  /** Last index and size in bytes of each unacknowledged append, oldest first. */
  inflight: { last: number; bytes: number }[] = [];
  inflightBytes = 0;
  /** Heard from it in the current check-quorum window. */
  recentActive = false;

  constructor(lastIndex: number) {
    this.next = lastIndex + 1;
  }

  paused(maxInflight: number, maxInflightBytes: number): boolean {
    if (this.state === 'snapshot') return true;
    return this.state === 'probe' ? this.probeSent : this.inflight.length >= maxInflight || this.inflightBytes >= maxInflightBytes;
  }

  sent(last: number, bytes: number): void {
    this.inflight.push({ last, bytes });
    this.inflightBytes += bytes;
  }

  /** Frees the oldest slot of the window (its append may have been lost). */
  freeOne(): void {
    const first = this.inflight.shift();
    if (first) this.inflightBytes -= first.bytes;
  }

  /** An acknowledgement up to `index`; false when it is stale. */
  maybeUpdate(index: number): boolean {
    let updated = false;
    if (index > this.match) {
      this.match = index;
      updated = true;
      this.probeSent = false;
    }
    this.next = Math.max(this.next, index + 1);
    while (this.inflight.length > 0 && this.inflight[0].last <= index) this.freeOne();
    return updated;
  }

  /**
   * A rejection of the append after `rejected`; `hint` is the follower's suggestion.
   * Returns false for a stale rejection (an answer to an append we no longer wait for).
   */
  maybeDecrTo(rejected: number, hint: number): boolean {
    if (this.state === 'snapshot') return false;
    if (this.state === 'replicate') {
      if (rejected <= this.match) return false;
      this.becomeProbe();
      this.next = Math.max(this.match + 1, Math.min(rejected, hint + 1));
      return true;
    }
    if (this.next - 1 !== rejected) return false;
    this.next = Math.max(this.match + 1, Math.min(rejected, hint + 1));
    this.probeSent = false;
    return true;
  }

  becomeProbe(): void {
    this.state = 'probe';
    this.next = this.match + 1;
    this.probeSent = false;
    this.inflight = [];
    this.inflightBytes = 0;
  }

  becomeSnapshot(index: number): void {
    this.state = 'snapshot';
    this.pendingSnapshot = index;
    this.snapshotTicks = 0;
    this.probeSent = false;
    this.inflight = [];
    this.inflightBytes = 0;
  }

  becomeReplicate(): void {
    this.state = 'replicate';
    this.next = this.match + 1;
    this.inflight = [];
    this.inflightBytes = 0;
  }
}
