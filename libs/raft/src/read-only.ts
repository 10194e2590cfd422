export interface PendingRead {
  context: string;
  /** Who asked: the leader itself or a follower that forwarded the read. */
  from: string;
  /** The leader's commit index when the read arrived. */
  index: number;
}

/**
 * The leader's ReadIndex queue: reads wait, in arrival order, for a quorum of heartbeat
 * acknowledgements carrying their context. A quorum for one read also confirms every
 * read queued before it.
 */
export class ReadOnly {
  private queue: (PendingRead & { acks: Set<string> })[] = [];

  add(read: PendingRead): void {
    this.queue.push({ ...read, acks: new Set() });
  }

  /** An acknowledgement of `context` by `from`; returns the reads it releases. `self` is null when the leader is not a voter. */
  ack(context: string, from: string, self: string | null, quorum: number): PendingRead[] {
    const at = this.queue.findIndex((r) => r.context === context);
    if (at < 0) return [];
    const read = this.queue[at];
    if (from !== self) read.acks.add(from);
    if (read.acks.size + (self === null ? 0 : 1) < quorum) return [];
    return this.queue.splice(0, at + 1).map(({ context: c, from: f, index }) => ({ context: c, from: f, index }));
  }

  clear(): void {
    this.queue = [];
  }
}
