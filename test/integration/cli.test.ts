import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT, SLEEPER_ARGS, TEST_IMAGE, TestCluster, startCluster, waitFor } from '@shoal/testing';

const CLI = join(REPO_ROOT, 'apps/cli/dist/main.js');

describe('the shoal CLI against a real cluster', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = await startCluster();
  });
  afterAll(() => c?.stop());

  const shoal = (args: string[], token = c.manager.token) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, SHOAL_URL: c.manager.apiUrl, SHOAL_TOKEN: token }, encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('creates, lists, inspects tasks of, scales and removes a service', async () => {
    const created = shoal(['service', 'create', '--name', 'cli-web', '--replicas', '2', '--env', 'A=1', TEST_IMAGE, ...SLEEPER_ARGS]);
    expect(created).toMatchObject({ code: 0, err: '' });
    expect(created.out.trim()).toMatch(/^[a-z0-9]{25}$/);

    await waitFor('2/2 in service ls', () => /cli-web\s+2\/2\s+shoal-test\/busybox:1/.test(shoal(['service', 'ls']).out));
    const ps = shoal(['service', 'ps', 'cli-web']).out.split('\n');
    expect(ps[0]).toMatch(/^ID\s+NAME\s+NODE\s+DESIRED STATE\s+CURRENT STATE\s+ERROR$/);
    expect(ps.filter((l) => /cli-web\.[12]\s+\S+\s+RUNNING\s+RUNNING/.test(l))).toHaveLength(2);

    expect(shoal(['service', 'scale', 'cli-web=3'])).toMatchObject({ code: 0, out: 'cli-web scaled to 3\n' });
    await waitFor('3/3', () => /cli-web\s+3\/3/.test(shoal(['service', 'ls']).out));
    const json = JSON.parse(shoal(['--format', 'json', 'service', 'ls']).out) as { name: string; replicas: string }[];
    expect(json).toEqual([expect.objectContaining({ name: 'cli-web', replicas: '3/3' })]);

    expect(shoal(['service', 'rm', 'cli-web'])).toMatchObject({ code: 0, out: 'cli-web\n' });
    await waitFor('no containers left', async () => (await c.containers({ all: true })).length === 0);
  });

  it('rolls a service back to its previous spec', async () => {
    expect(shoal(['service', 'create', '--name', 'cli-back', '--env', 'V=1', TEST_IMAGE, ...SLEEPER_ARGS])).toMatchObject({ code: 0 });
    expect(shoal(['service', 'rollback', 'cli-back'])).toMatchObject({ code: 1, err: expect.stringMatching(/no previous spec to roll back to/) });
    const { service } = await c.api.must<{ service: { id: string; version: number } }>('{ service(name: "cli-back") { id version } }');
    await c.api.must('mutation($id: ID!, $v: Int!) { updateService(id: $id, version: $v, input: { env: ["V=2"] }) { id } }', {
      id: service.id,
      v: service.version,
    });
    expect(shoal(['service', 'rollback', 'cli-back'])).toMatchObject({ code: 0, out: 'cli-back: rollback started: requested by rollbackService\n' });
    const after = await c.api.must<{ service: { spec: { env: string[] }; updateStatus: { state: string } } }>(
      '{ service(name: "cli-back") { spec { env } updateStatus { state } } }',
    );
    expect(after.service.spec.env).toEqual(['V=1']);
    await waitFor('the rollback to complete', async () => {
      const { service: s } = await c.api.must<{ service: { updateStatus: { state: string } } }>('{ service(name: "cli-back") { updateStatus { state } } }');
      return s.updateStatus.state === 'ROLLBACK_COMPLETED';
    });
    expect(shoal(['service', 'rm', 'cli-back'])).toMatchObject({ code: 0 });
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
    expect(shoal(args)).toMatchObject({ code: 0, err: '' });
    const { service } = await c.api.must<{ service: { spec: Record<string, unknown> } }>(
      '{ service(name: "cli-opts") { spec { container { workdir user } restartPolicy { condition maxAttempts } healthCheck { shell intervalMs } } } }',
    );
    expect(service.spec).toEqual({
      container: { workdir: '/www', user: '1000' },
      restartPolicy: { condition: 'on-failure', maxAttempts: 2 },
      healthCheck: { shell: 'test -d /www', intervalMs: 500 },
    });
    await waitFor('1/1 once healthy', () => /cli-opts\s+1\/1/.test(shoal(['service', 'ls']).out));
    expect(shoal(['service', 'rm', 'cli-opts']).code).toBe(0);
    await waitFor('no containers left', async () => (await c.containers({ all: true })).length === 0);
  });

  it('lists the node and shows cluster info', () => {
    expect(shoal(['node', 'ls']).out).toMatch(new RegExp(`${c.nodeId}\\s+\\S+\\s+READY\\s+ACTIVE\\s+WORKER`));
    expect(shoal(['cluster', 'info']).out).toMatch(/Agents connect: 127\.0\.0\.1:\d+/);
  });

  it('fails with a message on stderr and a meaningful exit code', () => {
    expect(shoal(['service', 'ls'], 'wrong')).toMatchObject({ code: 3, out: '' });
    expect(shoal(['service', 'ls'], 'wrong').err).toMatch(/^shoal: a valid API token is required.*\(UNAUTHENTICATED\)/);
    expect(shoal(['service', 'rm', 'nope'])).toMatchObject({ code: 1, err: 'shoal: no such service: nope\n' });
    expect(shoal(['service', 'create', '--name', 'x', 'NOT VALID'])).toMatchObject({ code: 1 });
    expect(shoal(['service', 'create', '--name', 'x', 'NOT VALID']).err).toMatch(/input\.image: .* \(BAD_USER_INPUT\)/);
    expect(shoal(['frobnicate']).code).toBe(64);
  });
});
