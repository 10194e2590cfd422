import { type EventPosition, compare } from './cursor';

export interface Positioned {
  pos: EventPosition;
}

/**
 * The last `size` events in log order. It knows every event after `floor`: at first the
 * manager's applied position when it started (what came before was never seen), then
 * the last event it dropped to make room.
 */
export class EventRing<E extends Positioned> {
  private items: E[] = [];
  private start = 0;

  constructor(
    readonly size: number,
    private floor: EventPosition,
  ) {}

  push(event: E): void {
    this.items.push(event);
    if (this.items.length - this.start > this.size) {
      this.floor = this.items[this.start].pos;
      this.start++;
      // Drop the dead head in one go now and then instead of shifting every time.
      if (this.start >= this.size) {
        this.items = this.items.slice(this.start);
        this.start = 0;
      }
    }
  }

  /** Events after `at`, oldest first; null when some of them are no longer held (or never were). */
  after(at: EventPosition): E[] | null {
    if (compare(at, this.floor) < 0) return null;
    const out: E[] = [];
    for (let i = this.items.length - 1; i >= this.start && compare(this.items[i].pos, at) > 0; i--) out.push(this.items[i]);
    return out.reverse();
  }

  /** Forgets everything: the ring knows only what comes after `floor` from now on. */
  clear(floor: EventPosition): void {
    this.items = [];
    this.start = 0;
    this.floor = floor;
  }

  get length(): number {
    return this.items.length - this.start;
  }
}
