import { EventAction, type EventModel, ObjectKind } from '../models/event.model';
import { type EventPosition, compare, decodeCursor, encodeCursor } from './cursor';
import { QueueIterator } from './queue-iterator';
import { EventRing } from './ring';

/** Events each manager keeps for subscribers that come back (docs/api.md, "Live changes"). */
export const EVENT_RING_SIZE = 10_000;

export type Payload = { events: EventModel };
type Entry = { pos: EventPosition; event: EventModel };
type Subscriber = (entry: Entry) => void;

/** Before the first event: every position of an entry counts as seen. */
const WHOLE_ENTRY = Number.MAX_SAFE_INTEGER;

/**
 * The manager's events: a ring of the recent ones and the live subscribers. A subscriber
 * that passes a cursor gets what came after it from the ring, then the live events;
 * when the ring no longer holds all of that (or the cursor is from another cluster),
 * it gets one RESYNC event first and should refetch what it shows.
 */
export class EventFeed {
  private readonly ring: EventRing<Entry>;
  private readonly subscribers = new Set<Subscriber>();
  private latest: EventPosition;

  constructor(
    private readonly clusterId: () => string,
    appliedIndex: number,
    size = EVENT_RING_SIZE,
  ) {
    this.latest = { index: appliedIndex, position: WHOLE_ENTRY };
    this.ring = new EventRing(size, this.latest);
  }

  /** An applied change; `event` without its cursor. */
  publish(pos: EventPosition, event: Omit<EventModel, 'cursor'>): void {
    const entry: Entry = { pos, event: { ...event, cursor: encodeCursor(this.clusterId(), pos) } };
    this.ring.push(entry);
    this.latest = pos;
    for (const s of [...this.subscribers]) s(entry);
  }

  /** The store was replaced by a snapshot: events were skipped, so everyone resyncs. */
  reset(appliedIndex: number): void {
    this.latest = { index: appliedIndex, position: WHOLE_ENTRY };
    this.ring.clear(this.latest);
    const resync = this.resyncEntry();
    for (const s of [...this.subscribers]) s(resync);
  }

  /** Throws BAD_USER_INPUT for a malformed cursor, before anything is streamed. */
  subscribe(after?: string | null): AsyncIterableIterator<Payload> {
    const from = after ? decodeCursor(after) : null;
    let last: EventPosition | null = null;
    const subscriber: Subscriber = (entry) => {
      if (entry.event.action !== EventAction.RESYNC && last && compare(entry.pos, last) <= 0) return;
      last = entry.pos;
      it.push({ events: entry.event });
    };
    const it = new QueueIterator<Payload>(() => this.subscribers.delete(subscriber));
    if (from) {
      const replay = from.clusterId === this.clusterId() ? this.ring.after(from.at) : null;
      if (replay) {
        // A cursor from a manager further ahead: skip live events up to it.
        last = compare(from.at, this.latest) > 0 ? from.at : this.latest;
        for (const entry of replay) it.push({ events: entry.event });
      } else subscriber(this.resyncEntry());
    }
    this.subscribers.add(subscriber);
    return it;
  }

  private resyncEntry(): Entry {
    const pos = this.latest;
    const id = this.clusterId();
    const index = pos.index;
    const event: EventModel = {
      kind: ObjectKind.CLUSTER,
      action: EventAction.RESYNC,
      id,
      index,
      at: new Date().toISOString(),
      cursor: encodeCursor(id, pos),
    };
    return { pos, event };
  }
}
