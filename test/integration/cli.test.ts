import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, SLEEPER_ARGS, TEST_IMAGE, TestCluster, addAgent, freePort, startCluster, waitFor } from '@shoal/testing';

const CLI = join(REPO_ROOT, 'apps/cli/dist/main.js');

describe('the shoal CLI against a real cluster', () => {
  let c: TestCluster;
  let home: string;
  beforeAll(async () => {
    c = await startCluster();
  });
  afterAll(() => c?.stop());
  // Each test starts with no contexts: its own config folder, and a working folder without .shoal/.
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'shoal-cli-'));
  });
  afterEach(async () => {
    rmSync(home, { recursive: true, force: true });
    // A test that failed half-way leaves its services: remove them, so the next test starts clean.
    const { services } = await c.api.must<{ services: { items: { id: string }[] } }>('{ services { items { id } } }');
    for (const s of services.items) await c.api.must('mutation($id: ID!) { removeService(id: $id) }', { id: s.id });
  });

  /** Runs the built CLI as a user would; `env` null drops SHOAL_URL/SHOAL_TOKEN so contexts decide. */
  const run = (args: string[], opts: { env?: Record<string, string> | null; input?: string } = {}) => {
    const { SHOAL_URL: _u, SHOAL_TOKEN: _t, ...base } = process.env;
    const env = opts.env === null ? {} : (opts.env ?? { SHOAL_URL: c.manager.apiUrl, SHOAL_TOKEN: c.manager.token });
    const r = spawnSync(process.execPath, [CLI, ...args], {
      cwd: home,
      env: { ...base, ...env, SHOAL_CONFIG_DIR: home },
      input: opts.input ?? '',
      encoding: 'utf8',
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const viaContext = (args: string[], input?: string) => run(args, { env: null, input });
  /** Runs the CLI on a terminal (util-linux `script` gives it a pty): stdout and stderr come back as one. */
  const runOnTty = (args: string[]) => {
    const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
    const r = spawnSync('script', ['-qec', [process.execPath, CLI, ...args].map(quote).join(' '), '/dev/null'], {
      cwd: home,
      env: { ...process.env, SHOAL_URL: c.manager.apiUrl, SHOAL_TOKEN: c.manager.token, SHOAL_CONFIG_DIR: home },
      encoding: 'utf8',
    });
    return { code: r.status, out: r.stdout };
  };
  const config = () => JSON.parse(readFileSync(join(home, 'config.json'), 'utf8')) as { current?: string; contexts: Record<string, { token?: string }> };

  it('keeps contexts: create, ls with the current one marked, use, inspect, rm; never prints a token', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/graphql`;
    const outputs: string[] = [];
    const sh = (args: string[]) => {
      const r = viaContext(args);
      outputs.push(r.out, r.err);
      return r;
    };
    expect(sh(['context', 'create', 'local', '--url', c.manager.apiUrl, '--token', c.manager.token])).toEqual({ code: 0, out: 'local\n', err: '' });
    expect(sh(['context', 'create', 'gone', '--url', closed])).toMatchObject({ code: 0 });
    expect(statSync(join(home, 'config.json')).mode & 0o777).toBe(0o600);

    const ls = sh(['context', 'ls']).out.split('\n');
    expect(ls[0]).toMatch(/^NAME\s+URL\s+AUTH$/);
    expect(ls).toContainEqual(expect.stringMatching(new RegExp(`^local \\*\\s+${c.manager.apiUrl}\\s+token$`)));
    expect(ls).toContainEqual(expect.stringMatching(new RegExp(`^gone\\s+${closed}\\s+none$`)));
    expect(JSON.parse(sh(['context', 'inspect']).out)).toEqual({ name: 'local', current: true, url: c.manager.apiUrl, auth: 'token' });

    // The current context is used, --context overrides it, and an unreachable manager exits 2.
    expect(sh(['node', 'ls'])).toMatchObject({ code: 0, out: expect.stringContaining(c.nodeId) });
    expect(sh(['--context', 'gone', 'node', 'ls'])).toMatchObject({ code: 2, out: '', err: expect.stringMatching(/^shoal: cannot reach the manager at /) });
    expect(sh(['context', 'use', 'gone'])).toMatchObject({ code: 0 });
    expect(sh(['service', 'ls'])).toMatchObject({ code: 2 });
    expect(JSON.parse(sh(['--format', 'json', 'context', 'ls']).out)).toContainEqual(expect.objectContaining({ name: 'gone', current: true }));
    // SHOAL_URL/SHOAL_TOKEN override the current context.
    expect(run(['service', 'ls'])).toMatchObject({ code: 0 });

    expect(sh(['context', 'rm', 'gone'])).toMatchObject({ code: 1, err: expect.stringContaining('in use') });
    sh(['context', 'use', 'local']);
    expect(sh(['context', 'rm', 'gone'])).toEqual({ code: 0, out: 'gone\n', err: '' });
    expect(sh(['context', 'ls']).out).not.toContain('gone');
    expect(sh(['context', 'use', 'gone'])).toMatchObject({ code: 5, err: 'shoal: no such context: gone\n' });
    expect(outputs.join('')).not.toContain(c.manager.token);
  });

  it('logs in as a user, works with the stored token, and logs out revoking it', async () => {
    await c.api.must('mutation($input: CreateUserInput!) { createUser(input: $input) { id } }', {
      input: { username: 'cli-ops', password: 'correct horse', role: 'OPERATOR' },
    });
    viaContext(['context', 'create', 'local', '--url', c.manager.apiUrl]);
    expect(viaContext(['node', 'ls'])).toMatchObject({ code: 3, err: expect.stringContaining('UNAUTHENTICATED') });

    expect(viaContext(['login'], 'correct horse\n')).toMatchObject({ code: 2, err: expect.stringContaining('--username is required') });
    expect(viaContext(['login', '--username', 'cli-ops'], 'wrong password\n')).toMatchObject({ code: 3, out: '' });
    const login = viaContext(['login', '--username', 'cli-ops'], 'correct horse\n');
    expect(login).toEqual({ code: 0, out: 'Logged in to local as cli-ops (OPERATOR)\n', err: '' });
    expect(config().contexts.local.token).toMatch(/^shoal_/);
    expect(viaContext(['context', 'ls']).out).toMatch(/local \*\s+\S+\s+token of cli-ops/);

    expect(viaContext(['node', 'ls'])).toMatchObject({ code: 0, out: expect.stringContaining(c.nodeId) });
    const cliTokens = async () =>
      (
        await c.api.must<{ tokens: { items: { name: string; owner: string | null; role: string }[] } }>('{ tokens { items { name owner role } } }')
      ).tokens.items.filter((t) => t.owner === 'cli-ops');
    // The token acts with the user's role, no more, and is named after where it came from.
    expect(await cliTokens()).toEqual([expect.objectContaining({ owner: 'cli-ops', role: 'OPERATOR', name: expect.stringMatching(/^shoal-cli cli-ops@/) })]);

    expect(viaContext(['logout'])).toEqual({ code: 0, out: 'Logged out of local\n', err: '' });
    expect(config().contexts.local.token).toBeUndefined();
    expect(await cliTokens()).toEqual([]);
    expect(viaContext(['node', 'ls'])).toMatchObject({ code: 3 });
  });

  it('inspects and updates a node', () => {
    const ls = run(['node', 'ls']).out;
    expect(ls).toMatch(new RegExp(`${c.nodeId}\\s+\\S+\\s+READY\\s+ACTIVE\\s+MANAGER`));
    const hostname = (JSON.parse(run(['--format', 'json', 'node', 'ls']).out) as { hostname: string }[])[0].hostname;

    expect(run(['node', 'update', hostname, '--availability', 'pause', '--label-add', 'zone=eu', '--label-add', 'tier=web'])).toEqual({
      code: 0,
      out: `${c.nodeId}\n`,
      err: '',
    });
    const [paused] = JSON.parse(run(['node', 'inspect', c.nodeId]).out) as { availability: string; labels: { key: string; value: string }[] }[];
    expect(paused.availability).toBe('PAUSE');
    expect([...paused.labels].sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'tier', value: 'web' },
      { key: 'zone', value: 'eu' },
    ]);

    expect(run(['node', 'update', c.nodeId, '--availability', 'active', '--label-rm', 'tier', '--label-add', 'zone=us'])).toMatchObject({ code: 0 });
    const [active] = JSON.parse(run(['node', 'inspect', hostname]).out) as { availability: string; labels: unknown[] }[];
    expect(active).toMatchObject({ availability: 'ACTIVE', labels: [{ key: 'zone', value: 'us' }] });

    expect(run(['node', 'update', c.nodeId, '--availability', 'sideways'])).toMatchObject({ code: 2 });
    expect(run(['node', 'inspect', 'no-such-node'])).toEqual({ code: 5, out: '', err: 'shoal: no such node: no-such-node\n' });
  });

  it('promotes a node to a manager, demotes it, and removes it', async () => {
    const hostManagerData = mkdtempSync(join(tmpdir(), 'shoal-host-manager-'));
    const b = await addAgent(c, {
      SHOAL_AGENT_MANAGER_DATA: hostManagerData,
      SHOAL_AGENT_MANAGER_API_ADDR: `127.0.0.1:${await freePort()}`,
      SHOAL_AGENT_MANAGER_CLUSTER_ADDR: `127.0.0.1:${await freePort()}`,
    });
    try {
      const roleOf = (id: string) => new RegExp(`^${id}\\s+\\S+\\s+READY\\s+ACTIVE\\s+(\\S+)`, 'm').exec(run(['node', 'ls']).out)?.[1];
      expect(roleOf(b.nodeId)).toBe('WORKER');
      expect(run(['node', 'promote', b.hostname])).toEqual({ code: 0, out: `Node ${b.hostname} promoted to a manager in the cluster.\n`, err: '' });
      expect(roleOf(b.nodeId)).toBe('MANAGER');
      // docker's MANAGER STATUS column.
      const ls = run(['node', 'ls']).out;
      expect(ls).toMatch(/^ID\s+HOSTNAME\s+STATUS\s+AVAILABILITY\s+ROLE\s+MANAGER STATUS\s+ENGINE$/m);
      expect(ls).toMatch(new RegExp(`^${b.nodeId}\\s.*MANAGER\\s+Reachable\\s`, 'm'));
      expect(ls).toMatch(new RegExp(`^${c.nodeId}\\s.*MANAGER\\s+Leader\\s`, 'm'));
      expect(
        run(['manager', 'ls'])
          .out.split('\n')
          .filter((l) => /FOLLOWER|LEADER/.test(l)),
      ).toHaveLength(2);
      expect(run(['node', 'promote', b.nodeId])).toEqual({ code: 0, out: `Node ${b.nodeId} is already a manager.\n`, err: '' });

      expect(run(['node', 'rm', b.hostname])).toMatchObject({ code: 1, err: expect.stringMatching(/a Raft voter: demote it first.*\(CONFLICT\)/) });
      expect(run(['node', 'demote', b.hostname])).toEqual({ code: 0, out: `Manager ${b.hostname} demoted in the cluster.\n`, err: '' });
      expect(roleOf(b.nodeId)).toBe('WORKER');
      expect(run(['node', 'demote', c.nodeId])).toMatchObject({ code: 1, err: expect.stringMatching(/runs the last manager.*\(CONFLICT\)/) });

      expect(run(['node', 'rm', b.hostname])).toMatchObject({ code: 1, err: expect.stringMatching(/is READY and cannot be removed.*\(CONFLICT\)/) });
      expect(run(['node', 'rm', '--force', b.hostname])).toEqual({ code: 0, out: `${b.hostname}\n`, err: '' });
      expect(run(['node', 'ls']).out).not.toContain(b.nodeId);
      expect(run(['node', 'rm', b.hostname])).toMatchObject({ code: 5 });
      expect(await b.agent.process.waitForExit()).toBe(5);
    } finally {
      await b.stop();
      rmSync(hostManagerData, { recursive: true, force: true });
    }
  });

  it('creates a service and waits until it runs, then updates, scales, inspects, lists tasks and removes it', async () => {
    const created = run(['service', 'create', '--timeout', '2m', '--name', 'cli-web', '--replicas', '2', '--env', 'A=1', TEST_IMAGE, ...SLEEPER_ARGS]);
    expect(created).toMatchObject({ code: 0, err: expect.stringContaining('cli-web: 2/2 running') });
    expect(created.out.trim()).toMatch(/^[a-z0-9]{25}$/);
    // The test image is only on this engine: no registry to pin it to a digest, and docker's warning says so.
    expect(created.err).toContain(`image ${TEST_IMAGE} could not be accessed on a registry to record\nits digest.`);
    // Waiting means the service has converged when the command returns.
    expect(run(['service', 'ls']).out).toMatch(/cli-web\s+replicated\s+2\/2\s+shoal-test\/busybox:1/);

    const before = (JSON.parse(run(['--format', 'json', 'service', 'ps', 'cli-web']).out) as { id: string }[]).map((t) => t.id);
    expect(run(['service', 'update', 'cli-web', '--env-add', 'B=2', '--env-rm', 'A'])).toMatchObject({ code: 0, out: 'cli-web\n' });
    const tasks = JSON.parse(run(['--format', 'json', 'service', 'ps', 'cli-web']).out) as { id: string; desiredState: string; status: { state: string } }[];
    const running = tasks.filter((t) => t.desiredState === 'RUNNING');
    expect(running).toHaveLength(2);
    expect(running.every((t) => t.status.state === 'RUNNING' && !before.includes(t.id))).toBe(true);
    const [spec] = JSON.parse(run(['service', 'inspect', 'cli-web']).out) as { spec: { env: string[] } }[];
    expect(spec.spec.env).toEqual(['B=2']);

    // --force replaces every task though the spec is the same (docker's service update --force).
    const wanted = () =>
      (JSON.parse(run(['--format', 'json', 'service', 'ps', 'cli-web']).out) as { id: string; desiredState: string; status: { state: string } }[]).filter(
        (t) => t.desiredState === 'RUNNING',
      );
    const unforced = wanted().map((t) => t.id);
    expect(run(['service', 'update', 'cli-web', '--force'])).toMatchObject({ code: 0, out: 'cli-web\n' });
    const forced = wanted();
    expect(forced.map((t) => [unforced.includes(t.id), t.status.state])).toEqual([
      [false, 'RUNNING'],
      [false, 'RUNNING'],
    ]);
    const [inspected] = JSON.parse(run(['service', 'inspect', 'cli-web']).out) as { spec: { env: string[]; forceUpdate: number } }[];
    expect(inspected.spec).toMatchObject({ env: ['B=2'], forceUpdate: 1 });

    // On a terminal the wait draws docker's kind of progress bar, rewritten in place.
    const scaled = runOnTty(['service', 'scale', 'cli-web=3']);
    expect(scaled).toMatchObject({ code: 0, out: expect.stringContaining('cli-web scaled to 3') });
    expect(scaled.out).toContain('cli-web: [====================] 3/3 running');
    expect(JSON.parse(run(['--format', 'json', 'service', 'ls']).out)).toEqual([expect.objectContaining({ name: 'cli-web', replicas: '3/3' })]);
    const ps = run(['service', 'ps', 'cli-web']).out.split('\n');
    expect(ps[0]).toMatch(/^ID\s+NAME\s+IMAGE\s+NODE\s+DESIRED STATE\s+CURRENT STATE\s+ERROR$/);
    expect(ps.filter((l) => /cli-web\.[123]\s+\S+\s+\S+\s+RUNNING\s+RUNNING/.test(l))).toHaveLength(3);

    expect(run(['service', 'update', 'cli-web', '--replicas', '1', '--detach'])).toEqual({ code: 0, out: 'cli-web\n', err: '' });
    await waitFor('1/1', () => /cli-web\s+replicated\s+1\/1/.test(run(['service', 'ls']).out));
    // The replica sleeps silently: its log is empty (test/integration/logs.test.ts prints some).
    expect(run(['service', 'logs', 'cli-web'])).toEqual({ code: 0, out: '', err: '' });

    expect(run(['service', 'rm', 'cli-web'])).toEqual({ code: 0, out: 'cli-web\n', err: '' });
    await waitFor('no containers left', async () => (await c.containers({ all: true })).length === 0);
  });

  it('creates jobs and global services with --mode, waits for a job to complete, and shows the mode', async () => {
    const job = run(['service', 'create', '--name', 'cli-job', '--mode', 'replicated-job', '--replicas', '3', '--max-concurrent', '2', TEST_IMAGE, 'true']);
    expect(job).toMatchObject({ code: 0, err: expect.stringContaining('cli-job: 3/3 completed') });
    const global = run(['service', 'create', '--name', 'cli-global', '--mode', 'global', TEST_IMAGE, ...SLEEPER_ARGS]);
    expect(global).toMatchObject({ code: 0, err: expect.stringContaining('cli-global: 1/1 running') });

    const ls = run(['service', 'ls']).out.split('\n');
    expect(ls[0]).toMatch(/^ID\s+NAME\s+MODE\s+REPLICAS\s+IMAGE$/);
    expect(ls.find((l) => l.includes('cli-job'))).toMatch(/cli-job\s+replicated-job\s+0\/0 \(3\/3 completed\)\s+shoal-test\/busybox:1/);
    expect(ls.find((l) => l.includes('cli-global'))).toMatch(/cli-global\s+global\s+1\/1\s+shoal-test\/busybox:1/);
    const [inspected] = JSON.parse(run(['service', 'inspect', 'cli-job']).out) as { spec: { mode: string; replicas: number; job: unknown } }[];
    expect(inspected.spec).toMatchObject({ mode: 'REPLICATED_JOB', replicas: 0, job: { maxConcurrent: 2, totalCompletions: 3 } });

    expect(run(['service', 'create', '--name', 'cli-bad', '--mode', 'global', '--replicas', '2', TEST_IMAGE])).toEqual({
      code: 2,
      out: '',
      err: 'shoal: --replicas cannot be used with --mode global: it runs one task per node\n',
    });
    expect(run(['service', 'create', '--name', 'cli-bad', '--mode', 'daemon', TEST_IMAGE])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--mode daemon'),
    });
    expect(run(['service', 'inspect', 'cli-bad'])).toMatchObject({ code: 5 });

    expect(run(['service', 'rm', 'cli-job', 'cli-global'])).toMatchObject({ code: 0 });
    await waitFor('no containers left', async () => (await c.containers({ all: true })).length === 0);
  });

  it('rolls a service back to its previous spec', async () => {
    expect(run(['service', 'create', '--name', 'cli-back', '--env', 'V=1', TEST_IMAGE, ...SLEEPER_ARGS])).toMatchObject({ code: 0 });
    expect(run(['service', 'rollback', 'cli-back'])).toMatchObject({ code: 1, err: expect.stringMatching(/no previous spec to roll back to/) });
    const { service } = await c.api.must<{ service: { id: string; version: number } }>('{ service(name: "cli-back") { id version } }');
    await c.api.must('mutation($id: ID!, $v: Int!) { updateService(id: $id, version: $v, input: { env: ["V=2"] }) { id } }', {
      id: service.id,
      v: service.version,
    });
    expect(run(['service', 'rollback', 'cli-back'])).toMatchObject({ code: 0, out: 'cli-back: rollback started: requested by rollbackService\n' });
    const after = await c.api.must<{ service: { spec: { env: string[] }; updateStatus: { state: string } } }>(
      '{ service(name: "cli-back") { spec { env } updateStatus { state } } }',
    );
    expect(after.service.spec.env).toEqual(['V=1']);
    await waitFor('the rollback to complete', async () => {
      const { service: s } = await c.api.must<{ service: { updateStatus: { state: string } } }>('{ service(name: "cli-back") { updateStatus { state } } }');
      return s.updateStatus.state === 'ROLLBACK_COMPLETED';
    });
    expect(run(['service', 'rm', 'cli-back'])).toMatchObject({ code: 0 });
  });

  it('creates a service with container options, a restart policy and a health check', async () => {
    const args = ['service', 'create', '--name', 'cli-opts', '--workdir', '/www', '--user', '1000'];
    args.push(
      '--restart-condition',
      'on-failure',
      '--restart-max-attempts',
      '2',
      '--health-cmd',
      'test -d /www',
      '--health-interval-ms',
      '500',
      TEST_IMAGE,
      ...SLEEPER_ARGS,
    );
    expect(run(args)).toMatchObject({ code: 0 });
    const { service } = await c.api.must<{ service: { spec: Record<string, unknown> } }>(
      '{ service(name: "cli-opts") { spec { container { workdir user } restartPolicy { condition maxAttempts } healthCheck { shell intervalMs } } } }',
    );
    expect(service.spec).toEqual({
      container: { workdir: '/www', user: '1000' },
      restartPolicy: { condition: 'on-failure', maxAttempts: 2 },
      healthCheck: { shell: 'test -d /www', intervalMs: 500 },
    });
    await waitFor('1/1 once healthy', () => /cli-opts\s+replicated\s+1\/1/.test(run(['service', 'ls']).out));
    expect(run(['service', 'rm', 'cli-opts']).code).toBe(0);
    await waitFor('no containers left', async () => (await c.containers({ all: true })).length === 0);
  });

  it('gives up waiting after --timeout with exit code 6, the service left converging', () => {
    const r = run(['service', 'create', '--name', 'cli-never', '--timeout', '1s', 'shoal-test/does-not-exist:1']);
    expect(r).toMatchObject({ code: 6, err: expect.stringContaining('cli-never did not converge in time') });
    expect(run(['service', 'ls']).out).toMatch(/cli-never\s+replicated\s+0\/1/);
    expect(run(['service', 'rm', 'cli-never'])).toMatchObject({ code: 0 });
  });

  it('shows cluster info with the Raft leader, and the managers', () => {
    const info = run(['cluster', 'info']).out;
    expect(info).toMatch(/Agents connect:\s+127\.0\.0\.1:\d+/);
    const leader = /Raft leader:\s+(\S+)/.exec(info)?.[1];
    expect(leader).toBeTruthy();
    const members = JSON.parse(run(['--format', 'json', 'manager', 'ls']).out) as { id: string; role: string; reachable: boolean }[];
    expect(members).toEqual([expect.objectContaining({ id: leader, role: 'LEADER', reachable: true })]);
    expect(run(['manager', 'rm', leader ?? ''])).toMatchObject({ code: 1, err: expect.stringContaining('(CONFLICT)') });
    expect(run(['manager', 'rm', 'no-such-manager'])).toMatchObject({ code: 5 });
    expect(run(['manager', 'ls']).out).toMatch(new RegExp(`^${leader} \\*\\s+127\\.0\\.0\\.1:\\d+\\s+LEADER\\s+yes`, 'm'));
  });

  it('fails with a message on stderr and a meaningful exit code', async () => {
    const { createToken } = await c.api.must<{ createToken: { secret: string } }>(
      'mutation { createToken(input: { name: "cli-viewer", role: VIEWER }) { secret } }',
    );
    const viewer = { SHOAL_URL: c.manager.apiUrl, SHOAL_TOKEN: createToken.secret };
    expect(run(['service', 'ls'], { env: viewer })).toMatchObject({ code: 0 });
    expect(run(['service', 'create', '--name', 'x', TEST_IMAGE], { env: viewer })).toMatchObject({ code: 4, err: expect.stringContaining('(FORBIDDEN)') });

    expect(run(['service', 'ls'], { env: { SHOAL_URL: c.manager.apiUrl, SHOAL_TOKEN: 'wrong' } })).toMatchObject({
      code: 3,
      out: '',
      err: expect.stringMatching(/^shoal: a valid API token is required.*\(UNAUTHENTICATED\)/),
    });
    expect(run(['service', 'rm', 'nope'])).toEqual({ code: 5, out: '', err: 'shoal: no such service: nope\n' });
    expect(run(['service', 'create', '--name', 'x', 'NOT VALID'])).toMatchObject({
      code: 1,
      err: expect.stringMatching(/input\.image: .* \(BAD_USER_INPUT\)/),
    });
    expect(run(['frobnicate'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown command: frobnicate') });
    expect(run(['service', 'scale', 'web=lots'])).toMatchObject({ code: 2 });
    expect(run(['service', 'create', '--name', 'x', '--resolve-image', 'sometimes', TEST_IMAGE])).toMatchObject({
      code: 2,
      err: 'shoal: --resolve-image sometimes: expected always, changed or never\n',
    });
  });

  it('prints a bash completion script that knows the commands', () => {
    const script = run(['completion', 'bash'], { env: null });
    expect(script.code).toBe(0);
    expect(script.out).toContain('complete -F _shoal shoal');
    for (const word of ['context', 'login', 'node', 'service', 'cluster', 'manager', 'create ls inspect ps scale update rm logs'])
      expect(script.out).toContain(word);
  });
});
