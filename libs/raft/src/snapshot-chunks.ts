import type { ConfState, Message, Snapshot } from './types';

type Chunk = NonNullable<Message['snapshot']>;

/**
 * A follower's InstallSnapshot in progress: chunks arrive in any order (and again);
 * `add` returns the whole snapshot once every chunk is there. A chunk of another
 * snapshot starts over.
 */
export class SnapshotChunks {
  private current: { index: number; term: number; chunks: Map<number, string>; size?: number; conf?: ConfState } | undefined;

  add(c: Chunk): Snapshot | undefined {
    if (!this.current || this.current.index !== c.index || this.current.term !== c.term) this.current = { index: c.index, term: c.term, chunks: new Map() };
    const cur = this.current;
    cur.chunks.set(c.offset, c.data);
    if (c.done) [cur.size, cur.conf] = [c.offset + c.data.length, c.conf];
    if (cur.size === undefined) return undefined;
    const parts: string[] = [];
    for (let at = 0; at < cur.size || parts.length === 0;) {
      const chunk = cur.chunks.get(at);
      if (chunk === undefined) return undefined; // more to come
      parts.push(chunk);
      if (chunk.length === 0) break;
      at += chunk.length;
    }
    this.current = undefined;
    return { index: cur.index, term: cur.term, data: parts.join(''), conf: cur.conf };
  }
}
