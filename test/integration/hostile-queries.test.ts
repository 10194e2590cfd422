import { ManagerHandle, startManager } from '@shoal/testing';

/**
 * Queries an attacker (or a buggy script) would send: each is refused with a clear code
 * before it costs the manager anything, and the manager keeps answering.
 */
describe('hostile GraphQL requests', () => {
  let m: ManagerHandle;
  beforeAll(async () => {
    m = await startManager();
  });
  afterAll(() => m?.process.kill('SIGTERM'));

  const post = async (body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(m.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${m.token}`, ...headers },
      body,
    });
    return {
      status: res.status,
      body: (await res.json().catch(() => ({}))) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] },
    };
  };
  const query = (q: string) => post(JSON.stringify({ query: q }));

  it('answers the standard introspection query (tools need it), and refuses deeper nesting with QUERY_TOO_DEEP', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const intro = await query(getIntrospectionQuery());
    expect(intro.body.errors).toBeUndefined();
    let inner = 'name';
    for (let i = 0; i < 20; i++) inner = `ofType { ${inner} }`;
    const r = await query(`{ __schema { types { fields { type { ${inner} } } } } }`);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
    expect(r.body.data).toBeUndefined();
  });

  it('refuses a field aliased a thousand times, and fragments that multiply, with QUERY_TOO_COMPLEX', async () => {
    const aliases = Array.from({ length: 1200 }, (_, i) => `a${i}: nodes { items { id } }`).join(' ');
    const r = await query(`{ ${aliases} }`);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');

    // Each level spreads the previous fragment ten times: 10^4 fields from a tiny document.
    const frags = ['fragment F0 on Query { nodes { items { id } } }'];
    for (let i = 1; i <= 4; i++) frags.push(`fragment F${i} on Query { ${Array.from({ length: 10 }, () => `...F${i - 1}`).join(' ')} }`);
    const f = await query(`{ ...F4 } ${frags.join(' ')}`);
    expect(f.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');

    // Few fields, but pages of pages: 500 services × 500 tasks each.
    const pages = await query('{ services(first: 500) { items { tasks(first: 500) { id } } } }');
    expect(pages.body.errors?.[0]).toMatchObject({ message: expect.stringContaining('more than 100000 objects'), extensions: { code: 'QUERY_TOO_COMPLEX' } });
  });

  it('refuses malformed JSON, a batch, and an unknown field with clear errors', async () => {
    const bad = await post('{"query": "{ nodes { id } }"');
    expect(bad.status).toBe(400);
    const batch = await post(JSON.stringify([{ query: '{ nodes { items { id } } }' }, { query: '{ nodes { items { id } } }' }]));
    expect(batch.status).toBe(400);
    const unknown = await query('{ nodes { items { id password } } }');
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(unknown.body.errors?.[0]?.message).toMatch(/Cannot query field "password"/);
    const cycle = await query('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }');
    expect(cycle.body.errors?.[0]?.message).toMatch(/Cannot spread fragment "A" within itself/);
  });

  it('keeps answering ordinary queries after all of that', async () => {
    const aliases = Array.from({ length: 1200 }, (_, i) => `a${i}: nodes { items { id } }`).join(' ');
    await Promise.all(Array.from({ length: 20 }, () => query(`{ ${aliases} }`)));
    const ok = await query('{ nodes { items { id } } cluster { id } }');
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data).toMatchObject({ nodes: { items: [] } });
  });

  it('turns introspection off when configured', async () => {
    const closed = await startManager({ SHOAL_GRAPHQL_INTROSPECTION: 'false' });
    try {
      const res = await fetch(closed.apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${closed.token}` },
        body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
      });
      const body = (await res.json()) as { errors?: { message: string }[] };
      expect(body.errors?.[0]?.message).toMatch(/introspection/i);
    } finally {
      await closed.process.kill('SIGTERM');
    }
  });
});
