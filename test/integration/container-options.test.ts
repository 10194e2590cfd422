import Docker from 'dockerode';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { TEST_IMAGE, TestCluster, startCluster, waitFor } from '@shoal/testing';

const CREATE = 'mutation($input: CreateServiceInput!) { createService(input: $input) { id version } }';
const UPDATE = 'mutation($id: ID!, $v: Int!, $input: UpdateServiceInput!) { updateService(id: $id, version: $v, input: $input) { version } }';

/** Container options from the service spec to the real container, and how it is stopped. */
describe('container options on the real engine', () => {
  let c: TestCluster;
  const docker = new Docker();
  const bindDir = mkdtempSync(join(tmpdir(), 'shoal-bind-'));
  const volume = `shoal-test-${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    c = await startCluster();
  });
  afterAll(async () => {
    await c?.stop();
    rmSync(bindDir, { recursive: true, force: true });
    await docker
      .getVolume(volume)
      .remove()
      .catch(() => undefined);
  });

  const containersOf = async (service: string, all = false) => (await c.containers({ all })).filter((x) => x.Labels['shoal.service.name'] === service);
  /** Waits until earlier services are gone (tasks reaped, containers removed), so nothing else moves the index. */
  const settled = () =>
    waitFor('earlier services cleaned up', async () => {
      const {
        tasks: { items: tasks },
      } = await c.api.must<{ tasks: { items: unknown[] } }>('{ tasks { items { id } } }');
      return tasks.length === 0 && (await c.containers({ all: true })).length === 0;
    });
  const appliedIndex = async () => (await c.api.must<{ cluster: { appliedIndex: number } }>('{ cluster { appliedIndex } }')).cluster.appliedIndex;

  it('runs the container with the workdir, user, hostname, labels, mounts, read-only root, init, capabilities, ulimits and stop signal asked for', async () => {
    const { createService } = await c.api.must<{ createService: { id: string } }>(CREATE, {
      input: {
        name: 'options',
        image: TEST_IMAGE,
        args: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'],
        env: ['MODE=test'],
        container: {
          workdir: '/data',
          user: '1000:1000',
          hostname: 'options-host',
          labels: [{ key: 'com.example.team', value: 'storage' }],
          mounts: [
            { type: 'bind', source: bindDir, target: '/host', readOnly: true },
            { type: 'volume', source: volume, target: '/data' },
            { type: 'tmpfs', target: '/scratch', tmpfsSizeBytes: 16 * 2 ** 20, tmpfsMode: 0o1777 },
          ],
          stopSignal: 'SIGQUIT',
          stopGracePeriodMs: 4000,
          init: true,
          readOnly: true,
          capAdd: ['NET_ADMIN'],
          capDrop: ['CHOWN', 'CAP_MKNOD'],
          ulimits: [{ name: 'nofile', soft: 512, hard: 1024 }],
        },
      },
    });
    const [container] = await waitFor('the container running', async () => {
      const list = await containersOf('options');
      return list.length === 1 ? list : undefined;
    });
    const info = await docker.getContainer(container.Id).inspect();
    expect(info.State.Running).toBe(true);
    expect(info.Config).toMatchObject({ WorkingDir: '/data', User: '1000:1000', Hostname: 'options-host', StopSignal: 'SIGQUIT', StopTimeout: 4 });
    expect(info.Config.Env).toContain('MODE=test');
    expect(info.Config.Labels).toMatchObject({ 'com.example.team': 'storage', 'shoal.service.id': createService.id });
    expect(info.HostConfig).toMatchObject({ Init: true, ReadonlyRootfs: true, CapAdd: ['NET_ADMIN'], CapDrop: ['CHOWN', 'CAP_MKNOD'] });
    expect(info.HostConfig.Ulimits).toEqual([{ Name: 'nofile', Soft: 512, Hard: 1024 }]);
    const mounts = Object.fromEntries(info.Mounts.map((m) => [m.Destination, m]));
    expect(mounts['/host']).toMatchObject({ Type: 'bind', Source: bindDir, RW: false });
    expect(mounts['/data']).toMatchObject({ Type: 'volume', Name: volume, RW: true });
    const tmpfs = (info.HostConfig.Mounts ?? []).find((m) => m.Target === '/scratch');
    expect(tmpfs).toMatchObject({ Type: 'tmpfs', TmpfsOptions: { SizeBytes: 16 * 2 ** 20, Mode: 0o1777 } });

    // and the service shows them back
    const { service } = await c.api.must<{ service: { spec: { container: Record<string, unknown> } } }>(
      'query($id: ID!) { service(id: $id) { spec { container { workdir user hostname init readOnly stopSignal stopGracePeriodMs capAdd capDrop mounts { type source target readOnly } } } } }',
      { id: createService.id },
    );
    expect(service.spec.container).toMatchObject({
      workdir: '/data',
      user: '1000:1000',
      init: true,
      readOnly: true,
      stopSignal: 'SIGQUIT',
      stopGracePeriodMs: 4000,
    });
    await c.api.must('mutation($id: ID!) { removeService(id: $id) }', { id: createService.id });
  });

  it.each([
    ['SIGTERM by default', undefined, 'TERM', 'term'],
    ['its stop signal', 'SIGUSR1', 'USR1', 'usr1'],
  ])('stops a task with %s and kills it only after its stop grace period', async (_what, stopSignal, trapped, name) => {
    // The container logs the signal and keeps running: only the kill ends it.
    const args = ['sh', '-c', `trap "echo got ${trapped}" ${trapped}; while true; do sleep 1; done`];
    const { createService } = await c.api.must<{ createService: { id: string; version: number } }>(CREATE, {
      input: { name: `stubborn-${name}`, image: TEST_IMAGE, args, container: { stopSignal, stopGracePeriodMs: 5000 } },
    });
    const [first] = await waitFor('the container running', async () => {
      const list = await containersOf(`stubborn-${name}`);
      return list.length === 1 ? list : undefined;
    });
    // An update replaces the task: the old one is stopped and kept as history, with its container.
    await c.api.must(UPDATE, { id: createService.id, v: createService.version, input: { env: ['V=2'] } });
    const container = docker.getContainer(first.Id);
    const logs = async () => (await container.logs({ stdout: true, stderr: true })).toString();
    await waitFor('the stop signal to reach the container', async () => (await logs()).includes(`got ${trapped}`), 30_000, 50);
    expect((await container.inspect()).State.Running).toBe(true); // the signal did not end it, and no kill came with it
    const stopped = await waitFor('the container to be killed', async () => {
      const s = (await container.inspect()).State;
      return s.Running ? undefined : s;
    });
    expect(stopped.ExitCode).toBe(137);
    await c.api.must('mutation($id: ID!) { removeService(id: $id) }', { id: createService.id });
  });

  const badCases: [string, Record<string, unknown>, string][] = [
    ['a relative bind source', { mounts: [{ type: 'bind', source: 'data', target: '/data' }] }, 'input.container.mounts[0].source'],
    ['an unknown capability', { capAdd: ['NET_FLY'] }, 'input.container.capAdd[0]'],
    ['a bad signal name', { stopSignal: 'SIGNOPE' }, 'input.container.stopSignal'],
    ['a negative grace period', { stopGracePeriodMs: -1 }, 'input.container.stopGracePeriodMs'],
    ['a capability both added and dropped', { capAdd: ['CHOWN'], capDrop: ['CHOWN'] }, 'input.container.capAdd'],
  ];

  it.each(badCases)('refuses %s with a coded error and writes nothing', async (_what, container, field) => {
    await settled();
    const before = await appliedIndex();
    const r = await c.api.request(CREATE, { input: { name: 'bad', image: TEST_IMAGE, container } });
    expect(r.data ?? null).toBeNull();
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(r.errors?.[0].message.startsWith(`${field}: `)).toBe(true);
    expect(await appliedIndex()).toBe(before);
  });

  it('refuses conflicting health check and restart options in an update, leaving the service as it was', async () => {
    const { createService } = await c.api.must<{ createService: { id: string; version: number } }>(CREATE, {
      input: { name: 'kept', image: TEST_IMAGE, replicas: 0 },
    });
    const before = await appliedIndex();
    for (const [input, field] of [
      [{ healthCheck: { disable: true, shell: 'true' } }, 'input.healthCheck.shell'],
      [{ restartPolicy: { condition: 'none', maxAttempts: 2 } }, 'input.restartPolicy.maxAttempts'],
      [{ restartPolicy: { condition: 'sometimes' } }, 'input.restartPolicy.condition'],
    ] as const) {
      const r = await c.api.request(UPDATE, { id: createService.id, v: createService.version, input });
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await appliedIndex()).toBe(before);
    const { service } = await c.api.must<{ service: { version: number } }>('query($id: ID!) { service(id: $id) { version } }', { id: createService.id });
    expect(service.version).toBe(createService.version);
    await c.api.must('mutation($id: ID!) { removeService(id: $id) }', { id: createService.id });
  });
});
