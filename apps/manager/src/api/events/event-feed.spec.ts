import { EventAction, ObjectKind, type EventModel } from '../models/event.model';
import { EventFeed, type Payload } from './event-feed';

const change = (index: number): Omit<EventModel, 'cursor'> => ({ kind: ObjectKind.SERVICE, action: EventAction.UPDATED, id: `s${index}`, index, at: '' });

/** Takes what the iterator has queued now, without waiting for more. */
async function drain(it: AsyncIterableIterator<Payload>, n: number): Promise<EventModel[]> {
  const out: EventModel[] = [];
  for (let i = 0; i < n; i++) out.push((await it.next()).value.events);
  return out;
}

describe('EventFeed', () => {
  let clusterId = 'c1';
  const feed = (size = 100) => new EventFeed(() => clusterId, 0, size);
  beforeEach(() => (clusterId = 'c1'));

  it('gives each event a cursor and streams live events without one', async () => {
    const f = feed();
    const it = f.subscribe();
    f.publish({ index: 1, position: 0 }, change(1));
    f.publish({ index: 1, position: 2 }, change(1));
    expect((await drain(it, 2)).map((e) => e.cursor)).toEqual(['c1:1:0', 'c1:1:2']);
    await it.return!();
  });

  it('replays what came after the cursor, then goes on live, each event once', async () => {
    const f = feed();
    for (let i = 1; i <= 5; i++) f.publish({ index: i, position: 0 }, change(i));
    const it = f.subscribe('c1:2:0');
    f.publish({ index: 6, position: 0 }, change(6));
    expect((await drain(it, 4)).map((e) => e.index)).toEqual([3, 4, 5, 6]);
    await it.return!();
  });

  it('sends one RESYNC first for a cursor older than the ring, then live events', async () => {
    const f = feed(3);
    for (let i = 1; i <= 10; i++) f.publish({ index: i, position: 0 }, change(i));
    const it = f.subscribe('c1:2:0');
    f.publish({ index: 11, position: 0 }, change(11));
    const [resync, next] = await drain(it, 2);
    expect(resync).toMatchObject({ action: 'RESYNC', kind: 'CLUSTER', cursor: 'c1:10:0' });
    expect(next.index).toBe(11);
    await it.return!();
  });

  it('sends RESYNC for a cursor from another cluster', async () => {
    const f = feed();
    f.publish({ index: 1, position: 0 }, change(1));
    const it = f.subscribe('other:1:0');
    expect((await drain(it, 1))[0].action).toBe('RESYNC');
    await it.return!();
  });

  it('refuses a malformed cursor as BAD_USER_INPUT on `after`', () => {
    expect(() => feed().subscribe('nonsense')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }));
  });

  it('after a snapshot replaced the state, live subscribers get RESYNC and old cursors too', async () => {
    const f = feed();
    f.publish({ index: 1, position: 0 }, change(1));
    const live = f.subscribe();
    f.reset(40);
    expect((await drain(live, 1))[0]).toMatchObject({ action: 'RESYNC', index: 40 });
    const late = f.subscribe('c1:1:0');
    expect((await drain(late, 1))[0].action).toBe('RESYNC');
    await live.return!();
    await late.return!();
  });

  it('stops delivering once the subscriber leaves', async () => {
    const f = feed();
    const it = f.subscribe();
    await it.return!();
    f.publish({ index: 1, position: 0 }, change(1));
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });
});
