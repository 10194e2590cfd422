import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ManagerHandle, TEST_IMAGE, startManager, waitFor } from '@shoal/testing';

interface Event {
  kind: string;
  action: string;
  id: string;
  cursor: string;
  service?: { name: string } | null;
}
const QUERY = 'subscription($after: String) { events(kinds: [SERVICE], after: $after) { kind action id cursor service { name } } }';

/** One subscriber on its own socket, collecting what it receives. */
function subscriber(m: ManagerHandle, after?: string) {
  const client: Client = createClient({
    url: m.apiUrl.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${m.token}` },
    retryAttempts: 0,
  });
  const events: Event[] = [];
  const errors: unknown[] = [];
  client.subscribe<{ events: Event }>(
    { query: QUERY, variables: { after } },
    { next: (r) => (r.data ? events.push(r.data.events) : errors.push(r.errors)), error: (e) => errors.push(e), complete: () => undefined },
  );
  return { events, errors, close: () => client.dispose() };
}

describe('events resume from a cursor', () => {
  let m: ManagerHandle;
  beforeAll(async () => {
    m = await startManager();
  });
  afterAll(() => m?.process.kill());

  const create = (name: string) =>
    m.api.must<{ createService: { id: string } }>('mutation($i: CreateServiceInput!) { createService(input: $i) { id } }', {
      i: { name, image: TEST_IMAGE, replicas: 0 },
    });
  const seen = (s: { events: Event[] }, name: string) => s.events.some((e) => e.service?.name === name);

  it('a subscriber that comes back with its last cursor gets exactly what it missed, in order, then live events', async () => {
    // The reference: a subscriber connected all along.
    const always = subscriber(m);
    const away = subscriber(m);
    await waitFor('both subscriptions to be live', async () => {
      await create(`probe-${Date.now()}`);
      const newest = away.events[away.events.length - 1];
      return newest && always.events.some((e) => e.cursor === newest.cursor);
    });
    const last = away.events[away.events.length - 1].cursor;
    await away.close();

    for (const name of ['missed-1', 'missed-2', 'missed-3']) await create(name);
    await waitFor('the reference subscriber to see the changes', () => seen(always, 'missed-3'));

    const back = subscriber(m, last);
    await waitFor('the missed events to be replayed', () => seen(back, 'missed-3'));
    await create('after-return');
    await waitFor('a live event after the replay', () => seen(back, 'after-return') && seen(always, 'after-return'));
    const fromCursor = always.events.slice(always.events.findIndex((e) => e.cursor === last) + 1);
    expect(back.events.map((e) => e.cursor)).toEqual(fromCursor.map((e) => e.cursor));
    expect(back.events.map((e) => e.service?.name)).toEqual(['missed-1', 'missed-2', 'missed-3', 'after-return']);
    expect(back.errors).toEqual([]);
    await Promise.all([always.close(), back.close()]);
  });

  it('a cursor this manager cannot replay (another cluster) gets one RESYNC first, then live events', async () => {
    const s = subscriber(m, 'another-cluster:5:0');
    await waitFor('the RESYNC event', () => s.events.length > 0);
    expect(s.events[0]).toMatchObject({ kind: 'CLUSTER', action: 'RESYNC' });
    await create('after-resync');
    await waitFor('a live event after the RESYNC', () => seen(s, 'after-resync'));
    await s.close();
  });

  it('refuses a malformed cursor as BAD_USER_INPUT on `after`', async () => {
    const s = subscriber(m, 'not a cursor');
    await waitFor('the error', () => s.errors.length > 0);
    expect(JSON.stringify(s.errors[0])).toMatch(/BAD_USER_INPUT/);
    expect(JSON.stringify(s.errors[0])).toMatch(/"field":"after"/);
    expect(s.events).toEqual([]);
    await s.close();
  });
});
