import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { GraphQLClient, ManagerHandle, SLEEPER_ARGS, TEST_IMAGE, TestCluster, agentProcess, startCluster, startManager, waitFor } from '@shoal/testing';

const CREATE = `mutation($input: CreateServiceInput!) { createService(input: $input) { id version } }`;

describe('the GraphQL API', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = await startCluster();
  });
  afterAll(() => c?.stop());

  describe('authentication', () => {
    it.each([
      ['no token', undefined],
      ['a wrong token', 'not-a-token'],
    ])('refuses every operation with %s as UNAUTHENTICATED', async (_what, token) => {
      const anon = new GraphQLClient(c.manager.apiUrl, token);
      for (const q of [
        '{ services { items { id } } }',
        '{ nodes { items { id } } }',
        '{ cluster { joinTokens { worker } } }',
        `mutation { scaleService(id: "x", replicas: 1) { id } }`,
      ]) {
        const r = await anon.request(q);
        expect(r.data ?? null).toBeNull();
        expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      }
      expect((await c.api.must<{ services: { items: unknown[] } }>('{ services { items { id } } }')).services.items).toEqual([]);
    });

    it('refuses a subscription without a valid token', async () => {
      const client = createClient({
        url: c.manager.apiUrl.replace('http', 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: 'Bearer wrong' },
        retryAttempts: 0,
      });
      const result = await new Promise<unknown>((resolve) => {
        client.subscribe({ query: 'subscription { events { id } }' }, { next: resolve, error: resolve, complete: () => resolve('complete') });
      });
      expect(String((result as { code?: number; reason?: string }).code ?? result)).toMatch(/4403|Forbidden/);
      await client.dispose();
    });
  });

  describe('bad input: a clear error with a code, and nothing written', () => {
    // Every row has four cells: Jest passes `done` to a test function with more parameters than cells.
    const badCases: [string, Record<string, unknown>, string, string | null][] = [
      ['an invalid image reference', { name: 'a', image: 'Not An Image!' }, 'BAD_USER_INPUT', 'input.image'],
      ['negative replicas', { name: 'a', image: TEST_IMAGE, replicas: -1 }, 'BAD_USER_INPUT', 'input.replicas'],
      ['huge replicas', { name: 'a', image: TEST_IMAGE, replicas: 100_000_000 }, 'BAD_USER_INPUT', 'input.replicas'],
      ['replicas beyond a GraphQL Int', { name: 'a', image: TEST_IMAGE, replicas: 2 ** 40 }, 'BAD_USER_INPUT', null],
      ['a malformed port', { name: 'a', image: TEST_IMAGE, ports: [{ target: 80, published: 70000 }] }, 'BAD_USER_INPUT', 'input.ports[0].published'],
      ['an unknown port protocol', { name: 'a', image: TEST_IMAGE, ports: [{ target: 80, protocol: 'http' }] }, 'BAD_USER_INPUT', 'input.ports[0].protocol'],
      ['a port given as a string', { name: 'a', image: TEST_IMAGE, ports: [{ target: '80:80' }] }, 'BAD_USER_INPUT', null],
      ['an oversized name', { name: 'n'.repeat(10_000), image: TEST_IMAGE }, 'BAD_USER_INPUT', 'input.name'],
      ['an oversized argument', { name: 'a', image: TEST_IMAGE, args: ['x'.repeat(100_000)] }, 'BAD_USER_INPUT', 'input.args[0]'],
      ['an unknown field', { name: 'a', image: TEST_IMAGE, replica: 3 }, 'BAD_USER_INPUT', null],
    ];

    it.each(badCases)('createService with %s', async (_what, input, code, field) => {
      const before = await c.api.must<{ cluster: { appliedIndex: number } }>('{ cluster { appliedIndex } }');
      const r = await c.api.request(CREATE, { input });
      expect(r.data ?? null).toBeNull();
      expect(r.errors?.[0].extensions?.code).toBe(code);
      if (field) {
        expect(r.errors?.[0].extensions?.field).toBe(field);
        expect(r.errors?.[0].message.startsWith(`${field}: `)).toBe(true);
      }
      expect(JSON.stringify(r.errors)).not.toMatch(/at .*\.js:\d+/); // no stack traces
      const after = await c.api.must<{ cluster: { appliedIndex: number } }>('{ cluster { appliedIndex } }');
      expect(after.cluster.appliedIndex).toBe(before.cluster.appliedIndex);
      expect((await c.api.must<{ services: { items: unknown[] } }>('{ services { items { id } } }')).services.items).toEqual([]);
    });

    it('refuses a duplicate name, an unknown id and a stale version', async () => {
      const { createService } = await c.api.must<{ createService: { id: string; version: number } }>(CREATE, {
        input: { name: 'dup', image: TEST_IMAGE, replicas: 0 },
      });
      const dup = await c.api.request(CREATE, { input: { name: 'dup', image: TEST_IMAGE } });
      expect(dup.errors?.[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'input.name' },
        message: 'input.name: a service named "dup" already exists',
      });

      const unknown = await c.api.request('mutation { scaleService(id: "nope", replicas: 1) { id } }');
      expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' }, message: 'service "nope" not found' });
      const unknownRemove = await c.api.request('mutation { removeService(id: "nope") }');
      expect(unknownRemove.errors?.[0].extensions?.code).toBe('NOT_FOUND');

      await c.api.must('mutation($id: ID!) { scaleService(id: $id, replicas: 0) { id } }', { id: createService.id });
      const stale = await c.api.request('mutation($id: ID!, $v: Int!) { updateService(id: $id, version: $v, input: { replicas: 5 }) { id } }', {
        id: createService.id,
        v: createService.version,
      });
      expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(stale.errors?.[0].message).toMatch(/changed since version \d+ .*read it again and retry/);
      const { service } = await c.api.must<{ service: { replicas: number } }>('query($id: ID!) { service(id: $id) { replicas } }', { id: createService.id });
      expect(service.replicas).toBe(0);
      await c.api.must('mutation($id: ID!) { removeService(id: $id) }', { id: createService.id });
    });

    it('refuses a request body over 1 MB without falling over', async () => {
      const res = await fetch(c.manager.apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${c.manager.token}` },
        body: JSON.stringify({ query: '{ services { items { id } } }', variables: { pad: 'x'.repeat(2_000_000) } }),
      });
      expect(res.status).toBe(413);
      expect((await c.api.must<{ services: { items: unknown[] } }>('{ services { items { id } } }')).services.items).toBeDefined();
    });
  });

  it('streams object changes to an events subscription', async () => {
    const client = createClient({
      url: c.manager.apiUrl.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${c.manager.token}` },
    });
    const events: { kind: string; action: string; service?: { name: string }; task?: { status: { state: string } } }[] = [];
    const done = new Promise<void>((resolve, reject) => {
      client.subscribe<{ events: (typeof events)[number] }>(
        { query: 'subscription { events(kinds: [SERVICE, TASK]) { kind action id service { name replicas } task { slot status { state } } } }' },
        { next: (m) => m.data && events.push(m.data.events), error: reject, complete: resolve },
      );
    });
    await waitFor('the subscription to be live', async () => {
      // A subscription is live once the server acknowledged it; poke with a harmless change.
      const { createService } = await c.api.must<{ createService: { id: string } }>(CREATE, {
        input: { name: `probe-${Date.now()}`, image: TEST_IMAGE, replicas: 0 },
      });
      await c.api.must('mutation($id: ID!) { removeService(id: $id) }', { id: createService.id });
      return events.length > 0;
    });
    events.length = 0;
    const { createService } = await c.api.must<{ createService: { id: string } }>(CREATE, {
      input: { name: 'watched', image: TEST_IMAGE, replicas: 1, args: SLEEPER_ARGS },
    });
    await waitFor('a RUNNING task event', () => events.some((e) => e.kind === 'TASK' && e.task?.status.state === 'RUNNING'));
    expect(events[0]).toMatchObject({ kind: 'SERVICE', action: 'CREATED', service: { name: 'watched' } });
    expect(events.some((e) => e.kind === 'TASK' && e.action === 'CREATED')).toBe(true);
    expect(events.every((e) => e.kind === 'SERVICE' || e.kind === 'TASK')).toBe(true);
    await c.api.must('mutation($id: ID!) { removeService(id: $id) }', { id: createService.id });
    await waitFor('a REMOVED service event', () => events.some((e) => e.kind === 'SERVICE' && e.action === 'REMOVED'));
    await client.dispose();
    await done.catch(() => undefined);
  });
});

describe('joining', () => {
  let manager: ManagerHandle;
  beforeAll(async () => {
    manager = await startManager();
  });
  afterAll(() => manager.process.kill('SIGTERM'));

  it('refuses an agent with a wrong join token and registers nothing', async () => {
    const agent = agentProcess(manager, 'SHOALTKN-1-wrong');
    agent.start();
    expect(await agent.process.waitForExit()).toBe(3);
    expect(agent.process.output).toMatch(/manager refused this agent \(UNAUTHENTICATED\): invalid join token/);
    expect((await manager.api.must<{ nodes: { items: unknown[] } }>('{ nodes { items { id } } }')).nodes.items).toEqual([]);
  });

  it('registers an agent with the right token, with what it knows of its host', async () => {
    const { cluster } = await manager.api.must<{ cluster: { joinTokens: { worker: string } } }>('{ cluster { joinTokens { worker } } }');
    const agent = agentProcess(manager, cluster.joinTokens.worker, { SHOAL_HOSTNAME: 'joiner', SHOAL_NODE_LABELS: 'zone=a,disk=ssd' });
    agent.start();
    try {
      const node = await waitFor(
        'a registered node',
        async () =>
          (
            await manager.api.must<{ nodes: { items: Record<string, unknown>[] } }>(
              '{ nodes { items { hostname role availability status { state addr } description { cpus memoryBytes os arch engineVersion labels { key value } } } } }',
            )
          ).nodes.items[0],
      );
      expect(node).toMatchObject({
        hostname: 'joiner',
        role: 'WORKER',
        availability: 'ACTIVE',
        status: { state: 'READY', addr: '127.0.0.1' },
        description: {
          os: 'linux',
          labels: [
            { key: 'disk', value: 'ssd' },
            { key: 'zone', value: 'a' },
          ],
        },
      });
      const d = node.description as { cpus: number; memoryBytes: number; engineVersion: string };
      expect(d.cpus).toBeGreaterThan(0);
      expect(d.memoryBytes).toBeGreaterThan(0);
      expect(d.engineVersion).toMatch(/^\d+\.\d+/);
    } finally {
      await agent.process.kill('SIGTERM');
    }
  });
});

describe('the first admin token', () => {
  it('is generated on first start when SHOAL_ADMIN_TOKEN is unset, printed once, and works', async () => {
    const manager = await startManager({ SHOAL_ADMIN_TOKEN: '' });
    try {
      // Printed by the manager once it leads and has created the cluster.
      const printed = await waitFor(
        'the admin token on stdout',
        () => /Admin API token \(shown once, store it now\):\s+(shoal_\S+)/.exec(manager.process.output)?.[1],
      );
      const api = new GraphQLClient(manager.apiUrl, printed);
      expect((await api.must<{ nodes: { items: unknown[] } }>('{ nodes { items { id } } }')).nodes.items).toEqual([]);
      // The configured token of the harness was not set, so it must not work.
      expect((await manager.api.request('{ nodes { items { id } } }')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

      await manager.process.kill('SIGTERM');
      manager.process.output = '';
      await manager.start();
      expect(manager.process.output).not.toMatch(/Admin API token/);
      expect(manager.process.output).not.toContain(printed);
      expect((await api.must<{ nodes: { items: unknown[] } }>('{ nodes { items { id } } }')).nodes.items).toEqual([]);
    } finally {
      await manager.process.kill('SIGTERM');
    }
  });
});
