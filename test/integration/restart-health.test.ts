import Docker from 'dockerode';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { TEST_IMAGE, TestCluster, sleep, startCluster, waitFor } from '@shoal/testing';

const CREATE = 'mutation($input: CreateServiceInput!) { createService(input: $input) { id } }';
const HEALTHY_IMAGE = 'shoal-test/busybox-healthcheck:1';
/** Runs until stopped; stops at once on SIGTERM. */
const SLEEPER = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'];

interface Task {
  id: string;
  slot: number;
  desiredState: string;
  status: { state: string; message: string; exitCode: number | null; health: string | null };
}

/** Restart policies, health checks and task history on the real engine. */
describe('restart policies and health checks on the real engine', () => {
  let c: TestCluster;
  const docker = new Docker();
  beforeAll(async () => {
    await buildHealthyImage(docker);
    c = await startCluster();
  });
  afterAll(() => c?.stop());

  const create = async (input: Record<string, unknown>) =>
    (await c.api.must<{ createService: { id: string } }>(CREATE, { input: { image: TEST_IMAGE, ...input } })).createService.id;
  const tasks = async (id: string) =>
    (
      await c.api.must<{ tasks: { items: Task[] } }>(
        'query($id: ID!) { tasks(filter: { serviceId: $id }) { items { id slot desiredState status { state message exitCode health } } } }',
        {
          id,
        },
      )
    ).tasks.items;
  const service = async (id: string) =>
    (
      await c.api.must<{ service: { runningReplicas: number; stoppedSlots: { slot: number; taskId: string; reason: string }[] } }>(
        'query($id: ID!) { service(id: $id) { runningReplicas stoppedSlots { slot taskId reason } } }',
        { id },
      )
    ).service;
  const remove = (id: string) => c.api.must('mutation($id: ID!) { removeService(id: $id) }', { id });

  it('on-failure with max attempts: exactly N+1 tasks, then the slot stays empty and says why', async () => {
    const id = await create({ name: 'crashing', args: ['sh', '-c', 'exit 3'], restartPolicy: { condition: 'on-failure', maxAttempts: 2, delayMs: 100 } });
    const stopped = await waitFor('the restart policy to give up', async () => (await service(id)).stoppedSlots[0]);
    const all = await tasks(id);
    expect(all).toHaveLength(3);
    expect(all.every((t) => t.status.state === 'FAILED' && t.status.exitCode === 3)).toBe(true);
    expect(stopped).toMatchObject({ slot: 1, taskId: all[0].id });
    expect(stopped.reason).toMatch(/failed .*; max attempts reached \(2 replacements\)$/);
    await sleep(2000); // a couple of orchestrator periods: still nothing new
    expect(await tasks(id)).toHaveLength(3);
    await remove(id);
  });

  it('on-failure does not replace a task that exited 0; none replaces nothing', async () => {
    const done = await create({ name: 'oneshot', args: ['true'], restartPolicy: { condition: 'on-failure' } });
    const never = await create({ name: 'never', args: ['sh', '-c', 'exit 1'], restartPolicy: { condition: 'none' } });
    expect((await waitFor('oneshot to stop', async () => (await service(done)).stoppedSlots[0])).reason).toMatch(/completed .*restart condition is on-failure/);
    expect((await waitFor('never to stop', async () => (await service(never)).stoppedSlots[0])).reason).toMatch(/failed .*restart condition is none/);
    expect((await tasks(done)).map((t) => t.status.state)).toEqual(['COMPLETE']);
    expect((await tasks(never)).map((t) => t.status.state)).toEqual(['FAILED']);
    await remove(done);
    await remove(never);
  });

  it('counts a task as running only once its health check passes', async () => {
    // Ready once a file appears in a folder bound from the node.
    const ready = mkdtempSync(join(tmpdir(), 'shoal-ready-'));
    const id = await create({
      name: 'warming',
      args: SLEEPER,
      container: { mounts: [{ type: 'bind', source: ready, target: '/ready', readOnly: true }] },
      healthCheck: { shell: 'test -f /ready/ok', intervalMs: 300, startPeriodMs: 600_000 },
    });
    const [container] = await waitFor('the container to start', async () => {
      const list = (await c.containers()).filter((x) => x.Labels['shoal.service.id'] === id);
      return list.length === 1 ? list : undefined;
    });
    expect((await docker.getContainer(container.Id).inspect()).State.Health?.Status).toBe('starting');
    const starting = await waitFor('the task to wait for its health check', async () => {
      const [t] = await tasks(id);
      return t.status.health === 'starting' ? t : undefined;
    });
    expect(starting.status).toMatchObject({ state: 'STARTING', message: 'waiting for the health check' });
    expect((await service(id)).runningReplicas).toBe(0);
    writeFileSync(join(ready, 'ok'), '');
    const running = await waitFor('the task running and healthy', async () => {
      const [t] = await tasks(id);
      return t.status.state === 'RUNNING' ? t : undefined;
    });
    expect(running.status.health).toBe('healthy');
    expect((await service(id)).runningReplicas).toBe(1);
    await remove(id);
    rmSync(ready, { recursive: true, force: true });
  });

  it("runs an image's own HEALTHCHECK: the task becomes running and healthy", async () => {
    const id = await create({ name: 'healthy', image: HEALTHY_IMAGE, args: SLEEPER });
    const t = await waitFor('the task running', async () => {
      const [task] = await tasks(id);
      return task?.status.state === 'RUNNING' ? task : undefined;
    });
    expect(t.status.health).toBe('healthy');
    await remove(id);
  });

  it('replaces a task whose health check fails, marking it FAILED with a health message', async () => {
    const id = await create({ name: 'sick', args: SLEEPER, healthCheck: { shell: 'echo not ready; exit 1', intervalMs: 300, retries: 1 } });
    const failed = await waitFor('an unhealthy task replaced', async () => {
      const all = await tasks(id);
      return all.length >= 2 ? all.find((t) => t.status.state === 'FAILED') : undefined;
    });
    expect(failed.status).toMatchObject({ health: 'unhealthy', message: 'health check failed: not ready' });
    expect(failed.desiredState).toBe('SHUTDOWN');
    await remove(id);
  });

  it('keeps the task history limit set through the API', async () => {
    const { updateClusterSettings } = await c.api.must<{ updateClusterSettings: { settings: { taskHistoryLimit: number } } }>(
      'mutation { updateClusterSettings(input: { taskHistoryLimit: 2 }) { settings { taskHistoryLimit } } }',
    );
    expect(updateClusterSettings.settings.taskHistoryLimit).toBe(2);
    const id = await create({ name: 'flapping', args: ['sh', '-c', 'exit 1'], restartPolicy: { condition: 'any', delayMs: 100 } });
    const seen = new Set<string>();
    await waitFor('five tasks come and go', async () => {
      for (const t of await tasks(id)) seen.add(t.id);
      return seen.size >= 5;
    });
    await waitFor('history trimmed to the limit', async () => (await tasks(id)).length <= 2);
    await remove(id);
    const bad = await c.api.request('mutation { updateClusterSettings(input: { taskHistoryLimit: 0 }) { id } }');
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.taskHistoryLimit' });
  });
});

/** The busybox test image plus a HEALTHCHECK that passes. */
async function buildHealthyImage(docker: Docker): Promise<void> {
  const dockerfile = `FROM ${TEST_IMAGE}\nHEALTHCHECK --interval=1s --timeout=1s CMD test -x /bin/sh\n`;
  const stream = await docker.buildImage(Readable.from([tarOf('Dockerfile', dockerfile)]), { t: HEALTHY_IMAGE });
  await new Promise<void>((resolve, reject) =>
    docker.modem.followProgress(stream, (err: Error | null, out: { error?: string }[]) => {
      const failed = err?.message ?? out.find((o) => o.error)?.error;
      if (failed) reject(new Error(failed));
      else resolve();
    }),
  );
}

/** A tar archive holding one file: the build context. */
function tarOf(name: string, content: string): Buffer {
  const body = Buffer.from(content);
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(body.length.toString(8).padStart(11, '0') + '\0', 124);
  header.write(
    Math.floor(Date.now() / 1000)
      .toString(8)
      .padStart(11, '0') + '\0',
    136,
  );
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  const pad = Buffer.alloc((512 - (body.length % 512)) % 512);
  return Buffer.concat([header, body, pad, Buffer.alloc(1024)]);
}
