import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { GraphQLClient, REPO_ROOT, TEST_IMAGE, TestCluster, startCluster, waitFor } from '@shoal/testing';

const CLI = join(REPO_ROOT, 'apps/cli/dist/main.js');
const CREATE = `mutation($input: CreateServiceInput!) { createService(input: $input) { id } }`;
const LINE = 'taskId slot nodeId hostname stream timestamp text';
const QUERY = `query($s: ID!, $tail: Int, $since: String, $tasks: [ID!], $search: String) {
  serviceLogs(service: $s, tail: $tail, since: $since, tasks: $tasks, search: $search) { skipped lines { ${LINE} } } }`;
const SUBSCRIBE = `subscription($s: ID!, $follow: Boolean, $tail: Int) { serviceLogs(service: $s, follow: $follow, tail: $tail) { skipped lines { ${LINE} } } }`;
/** Says hello with its hostname (the container id), one line on stderr, then ticks five times a second. */
const CHATTY = ['sh', '-c', 'echo hello-$HOSTNAME; echo warn-$HOSTNAME >&2; i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done'];

interface Line {
  taskId: string;
  slot: number;
  nodeId: string;
  hostname: string;
  stream: 'STDOUT' | 'STDERR';
  timestamp: string;
  text: string;
}

/** Service logs on the real engine: two replicas merged, following, an exited task, the CLI, input and access. */
describe('service logs', () => {
  let c: TestCluster;
  let chatty: string;
  let tasks: { id: string; slot: number }[];
  let hostname: string;
  beforeAll(async () => {
    // A generous heartbeat grace: one test restarts the agent, which must not turn into a node-down replacement.
    c = await startCluster({ manager: { SHOAL_HEARTBEAT_GRACE: '15' } });
    chatty = (await c.api.must<{ createService: { id: string } }>(CREATE, { input: { name: 'chatty', image: TEST_IMAGE, replicas: 2, args: CHATTY } }))
      .createService.id;
    tasks = await waitFor('2 running tasks', async () => {
      const { tasks: page } = await c.api.must<{ tasks: { items: { id: string; slot: number; status: { state: string } }[] } }>(
        'query($id: ID!) { tasks(filter: { serviceId: $id }) { items { id slot status { state } } } }',
        { id: chatty },
      );
      const running = page.items.filter((t) => t.status.state === 'RUNNING');
      return running.length === 2 ? running.map(({ id, slot }) => ({ id, slot })) : undefined;
    });
    const { nodes } = await c.api.must<{ nodes: { items: { description: { hostname: string } }[] } }>('{ nodes { items { description { hostname } } } }');
    hostname = nodes.items[0].description.hostname;
  });
  afterAll(() => c?.stop());

  const read = async (vars: Record<string, unknown>, api: GraphQLClient = c.api) =>
    (await api.must<{ serviceLogs: { lines: Line[] } }>(QUERY, { s: chatty, ...vars })).serviceLogs.lines;
  const ticks = async () => (await read({ tail: 2 })).filter((l) => l.text.startsWith('tick '));

  /** Subscribes over graphql-ws; lines collect in `lines`, `ended` settles on complete or error. */
  const subscribe = (variables: Record<string, unknown>, token: string | null = c.manager.token) => {
    const client = createClient({
      url: c.manager.apiUrl.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
    });
    const lines: Line[] = [];
    const ended = new Promise<unknown>((resolve) => {
      client.subscribe<{ serviceLogs: { lines: Line[] } }>(
        { query: SUBSCRIBE, variables },
        { next: (m) => (m.errors ? resolve(m) : m.data && lines.push(...m.data.serviceLogs.lines)), error: resolve, complete: () => resolve('complete') },
      );
    });
    return { lines, ended, stop: () => client.dispose() };
  };

  it('merges the lines of both replicas, in time order, each tagged with its task, slot, node and stream', async () => {
    const hellos = await waitFor('a hello from each replica', async () => {
      const found = await read({ search: 'HELLO-' });
      return found.length === 2 ? found : undefined;
    });
    expect(hellos.map((l) => ({ id: l.taskId, slot: l.slot })).sort((a, b) => a.slot - b.slot)).toEqual(tasks.sort((a, b) => a.slot - b.slot));
    for (const l of hellos) expect(l).toMatchObject({ nodeId: c.nodeId, hostname, stream: 'STDOUT', text: expect.stringMatching(/^hello-[0-9a-f]{12}$/) });
    const warns = await read({ search: 'warn-' });
    expect(warns.map((l) => l.stream)).toEqual(['STDERR', 'STDERR']);

    // The replicas have printed more than a few lines by then: tail bounds each task's share.
    await waitFor('each replica past its fifth line', async () => new Set((await read({ search: 'tick 4' })).map((l) => l.taskId)).size === 2);
    const lines = await read({ tail: 3 });
    expect(lines).toHaveLength(6);
    expect(new Set(lines.map((l) => l.taskId))).toEqual(new Set(tasks.map((t) => t.id)));
    expect(lines.map((l) => l.timestamp)).toEqual(lines.map((l) => l.timestamp).sort());
    expect(lines[0].timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/);

    // One task only, and only lines after a time.
    const one = await read({ tasks: [tasks[0].id], tail: 5 });
    expect(one.length).toBe(5);
    expect(one.every((l) => l.taskId === tasks[0].id)).toBe(true);
    expect(await read({ since: '2999-01-01T00:00:00Z' })).toEqual([]);
  });

  it('follows: a line printed after subscribing arrives, from every replica', async () => {
    const before = new Map((await ticks()).map((l) => [l.taskId, Number(l.text.slice(5))]));
    const sub = subscribe({ s: 'chatty', follow: true, tail: 0 });
    const later = (taskId: string) => sub.lines.some((l) => l.taskId === taskId && Number(l.text.slice(5)) > (before.get(taskId) ?? Infinity));
    await waitFor('newer ticks from both replicas', async () => tasks.every((t) => later(t.id)));
    await sub.stop();
  });

  it('keeps following across an agent restart, resuming after the last line: none repeated, none lost', async () => {
    const sub = subscribe({ s: chatty, follow: true, tail: 0 });
    const latest = (taskId: string) =>
      Math.max(-1, ...sub.lines.filter((l) => l.taskId === taskId && l.text.startsWith('tick ')).map((l) => Number(l.text.slice(5))));
    await waitFor('ticks from both replicas', async () => tasks.every((t) => latest(t.id) >= 0));
    await c.agent.process.kill('SIGTERM');
    const before = new Map(tasks.map((t) => [t.id, latest(t.id)]));
    c.agent.start();
    await waitFor('ticks printed after the restart, from both replicas', async () => tasks.every((t) => latest(t.id) > before.get(t.id)! + 5), 60_000);
    const seen = sub.lines.map((l) => `${l.taskId} ${l.timestamp} ${l.text}`);
    expect(new Set(seen).size).toBe(seen.length);
    // Nor lose one: each replica's ticks run on without a gap across the restart.
    for (const t of tasks) {
      const n = sub.lines.filter((l) => l.taskId === t.id && l.text.startsWith('tick ')).map((l) => Number(l.text.slice(5)));
      expect(n).toEqual(Array.from({ length: n.length }, (_, i) => n[0] + i));
    }
    await sub.stop();
  });

  it('reads the logs of a task that exited, and a stream without follow completes', async () => {
    const { createService } = await c.api.must<{ createService: { id: string } }>(CREATE, {
      input: { name: 'once', image: TEST_IMAGE, args: ['sh', '-c', 'echo done-once; echo bye >&2'], mode: 'REPLICATED_JOB' },
    });
    await waitFor('the job to complete', async () => {
      const { service } = await c.api.must<{ service: { tasks: { status: { state: string } }[] } }>(
        'query($id: ID!) { service(id: $id) { tasks { status { state } } } }',
        {
          id: createService.id,
        },
      );
      return service.tasks[0]?.status.state === 'COMPLETE';
    });
    const sub = subscribe({ s: createService.id });
    expect(await sub.ended).toBe('complete');
    expect(sub.lines.map((l) => [l.stream, l.text]).sort()).toEqual([
      ['STDERR', 'bye'],
      ['STDOUT', 'done-once'],
    ]);
    await sub.stop();
  });

  it('prints the logs with the CLI, as docker service logs does; Ctrl-C ends a follow cleanly', async () => {
    const env = { ...process.env, SHOAL_URL: c.manager.apiUrl, SHOAL_TOKEN: c.manager.token };
    const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
    const r = cli(['service', 'logs', '--tail', '2', 'chatty']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const rows = r.stdout.trim().split('\n');
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row).toMatch(new RegExp(`^chatty\\.[12]\\.(${tasks.map((t) => t.id).join('|')})@${hostname} \\| tick \\d+$`));

    const t = cli(['service', 'logs', '-t', '--no-task-ids', '-n', '1', 'chatty']).stdout.trim().split('\n');
    for (const row of t) expect(row).toMatch(new RegExp(`^chatty\\.[12]@${hostname} \\| \\d{4}-\\d\\d-\\d\\dT\\S+Z tick \\d+$`));

    const json = cli(['--format', 'json', 'service', 'logs', '--tail', '1', 'chatty'])
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    expect(json).toHaveLength(2);
    expect(json[0]).toMatchObject({ service: 'chatty', nodeId: c.nodeId, hostname, stream: 'STDOUT', text: expect.stringMatching(/^tick \d+$/) });

    expect(cli(['service', 'logs', '--since', 'yesterday', 'chatty'])).toMatchObject({ status: 1, stderr: expect.stringContaining('(BAD_USER_INPUT)') });
    expect(cli(['service', 'logs', 'nope'])).toMatchObject({ status: 5, stderr: 'shoal: no such service: nope\n' });

    const follow = spawn(process.execPath, [CLI, 'service', 'logs', '-f', '--tail', '0', 'chatty'], { env });
    let printed = '';
    follow.stdout.on('data', (d: Buffer) => (printed += d.toString()));
    const exited = new Promise<number | null>((resolve) => follow.on('exit', (code) => resolve(code)));
    await waitFor('a followed line', async () => /\| tick \d+\n/.test(printed));
    follow.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('refuses bad input with a coded error naming the field', async () => {
    const fault = async (vars: Record<string, unknown>) => (await c.api.request(QUERY, { s: chatty, ...vars })).errors?.[0]?.extensions;
    expect(await fault({ tail: -1 })).toEqual({ code: 'BAD_USER_INPUT', field: 'tail' });
    expect(await fault({ tail: 10_001 })).toEqual({ code: 'BAD_USER_INPUT', field: 'tail' });
    expect(await fault({ since: 'yesterday' })).toEqual({ code: 'BAD_USER_INPUT', field: 'since' });
    expect(await fault({ since: '10x' })).toEqual({ code: 'BAD_USER_INPUT', field: 'since' });
    expect(await fault({ tasks: ['not-a-task'] })).toEqual({ code: 'BAD_USER_INPUT', field: 'tasks' });
    expect(await fault({ s: 'no-such-service' })).toEqual({ code: 'NOT_FOUND' });
    // Over the subscription too.
    const sub = subscribe({ s: chatty, tail: 20_000 });
    expect(await sub.ended).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'tail' } }] });
    await sub.stop();
    // A duration counts back from now.
    expect((await read({ since: '1h', tail: 1 })).length).toBe(2);
  });

  it('lets a viewer read logs, and nobody without credentials', async () => {
    const { createToken } = await c.api.must<{ createToken: { secret: string } }>(
      'mutation($input: CreateTokenInput!) { createToken(input: $input) { secret } }',
      {
        input: { name: 'log-reader', role: 'VIEWER' },
      },
    );
    expect((await read({ tail: 1 }, c.api.withToken(createToken.secret))).length).toBe(2);
    const viewer = subscribe({ s: chatty, tail: 1 }, createToken.secret);
    expect(await viewer.ended).toBe('complete');
    expect(viewer.lines).toHaveLength(2);
    await viewer.stop();

    const anonymous = await c.api.withToken(undefined).request(QUERY, { s: chatty });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data ?? null).toBeNull();
    const refused = subscribe({ s: chatty }, null);
    // The manager refuses the connection itself: no line ever arrives.
    expect(await refused.ended).toMatchObject({ code: 4403 });
    expect(refused.lines).toEqual([]);
    await refused.stop();
  });
});
