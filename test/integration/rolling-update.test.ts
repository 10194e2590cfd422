import Docker from 'dockerode';
import { SLEEPER_ARGS, TEST_IMAGE, TestCluster, startCluster, waitFor } from '@shoal/testing';

const CREATE = 'mutation($input: CreateServiceInput!) { createService(input: $input) { id version } }';
const UPDATE = 'mutation($id: ID!, $v: Int!, $input: UpdateServiceInput!) { updateService(id: $id, version: $v, input: $input) { id version } }';

interface Task {
  id: string;
  slot: number;
  desiredState: string;
  status: { state: string; health: string | null };
}
interface Service {
  version: number;
  spec: { env: string[]; healthCheck: { shell: string | null } | null };
  previousSpec: { env: string[]; healthCheck: { shell: string | null } | null } | null;
  updateStatus: {
    state: string;
    message: string;
    progress: { updated: number; total: number };
    failures: number;
    failuresAllowed: number;
    monitorUntil: string | null;
    slots: { slot: number; state: string }[];
  } | null;
  tasks: Task[];
}
const SERVICE = `query($id: ID!) { service(id: $id) {
  version spec { env healthCheck { shell } } previousSpec { env healthCheck { shell } }
  updateStatus { state message progress { updated total } failures failuresAllowed monitorUntil slots { slot state } }
  tasks { id slot desiredState status { state health } } } }`;

/** Rolling updates and rollback on the real engine, watched through the API as an operator would. */
describe('rolling updates', () => {
  let c: TestCluster;
  const docker = new Docker();
  beforeAll(async () => {
    c = await startCluster();
  });
  afterAll(() => c?.stop());

  const service = async (id: string) => (await c.api.must<{ service: Service }>(SERVICE, { id })).service;
  const create = async (input: Record<string, unknown>) =>
    (await c.api.must<{ createService: { id: string; version: number } }>(CREATE, { input: { image: TEST_IMAGE, args: SLEEPER_ARGS, ...input } }))
      .createService;
  const remove = (id: string) => c.api.must('mutation($id: ID!) { removeService(id: $id) }', { id });
  /** Tasks that should run and do. */
  const serving = (s: Service) => s.tasks.filter((t) => t.desiredState === 'RUNNING' && t.status.state === 'RUNNING');
  const appliedIndex = async () => (await c.api.must<{ cluster: { appliedIndex: number } }>('{ cluster { appliedIndex } }')).cluster.appliedIndex;

  it('replaces one task at a time with parallelism 1: the others keep running throughout', async () => {
    const { id } = await create({ name: 'rolling', replicas: 3, env: ['V=1'], updateConfig: { parallelism: 1, monitorMs: 500 } });
    const start = await waitFor('3 tasks running', async () => {
      const s = await service(id);
      return serving(s).length === 3 ? s : undefined;
    });

    // A dry run first: it names the change and the three tasks, and writes nothing.
    const index = await appliedIndex();
    const { previewServiceUpdate: preview } = await c.api.must<{
      previewServiceUpdate: { changes: { path: string; old: string | null; new: string | null }[]; replacedTasks: { id: string }[] };
    }>('query($id: ID!, $input: UpdateServiceInput!) { previewServiceUpdate(id: $id, input: $input) { changes { path old new } replacedTasks { id } } }', {
      id,
      input: { env: ['V=2'] },
    });
    expect(preview.changes).toEqual([{ path: 'env[0]', old: '"V=1"', new: '"V=2"' }]);
    expect(preview.replacedTasks.map((t) => t.id).sort()).toEqual(
      serving(start)
        .map((t) => t.id)
        .sort(),
    );
    expect(await appliedIndex()).toBe(index);

    await c.api.must(UPDATE, { id, v: start.version, input: { env: ['V=2'] } });
    const seen = { minServing: 3, updated: new Set<number>() };
    const done = await waitFor(
      'the update to complete',
      async () => {
        const s = await service(id);
        seen.minServing = Math.min(seen.minServing, serving(s).length);
        if (s.updateStatus) seen.updated.add(s.updateStatus.progress.updated);
        return s.updateStatus?.state === 'COMPLETED' ? s : undefined;
      },
      120_000,
      50,
    );
    // Never more than one slot between its old and its new task.
    expect(seen.minServing).toBeGreaterThanOrEqual(2);
    // The operator saw the update part-way: some slots new, some still old.
    expect([...seen.updated].some((n) => n > 0 && n < 3)).toBe(true);
    expect(done.updateStatus).toMatchObject({ state: 'COMPLETED', message: 'update completed', progress: { updated: 3, total: 3 } });
    const old = new Set(start.tasks.map((t) => t.id));
    expect(serving(done).filter((t) => old.has(t.id))).toEqual([]);
    // The last old container may still be stopping when the update completes.
    const newIds = serving(done)
      .map((t) => t.id)
      .sort()
      .join();
    const containers = await waitFor('only the new tasks running on the engine', async () => {
      const xs = (await c.containers()).filter((x) => x.Labels['shoal.service.name'] === 'rolling');
      return xs
        .map((x) => x.Labels['shoal.task.id'])
        .sort()
        .join() === newIds
        ? xs
        : undefined;
    });
    for (const x of containers) expect((await docker.getContainer(x.Id).inspect()).Config.Env).toContain('V=2');
    expect(done.previousSpec?.env).toEqual(['V=1']);
    await remove(id);
  });

  it('rolls back by itself when the new tasks fail their health check and failureAction is ROLLBACK', async () => {
    const { id } = await create({
      name: 'unhealthy-update',
      replicas: 2,
      updateConfig: { failureAction: 'ROLLBACK', monitorMs: 1000 },
      rollbackConfig: { monitorMs: 500 },
    });
    const start = await waitFor('2 tasks running', async () => {
      const s = await service(id);
      return serving(s).length === 2 ? s : undefined;
    });
    await c.api.must(UPDATE, { id, v: start.version, input: { healthCheck: { shell: 'echo broken; exit 1', intervalMs: 300, retries: 1 } } });
    const done = await waitFor('the update to roll back', async () => {
      const s = await service(id);
      return s.updateStatus?.state === 'ROLLBACK_COMPLETED' ? s : undefined;
    });
    expect(done.updateStatus?.message).toMatch(/^rollback completed: 1 of 2 new tasks failed \(task \S+: health check failed: broken\)$/);
    expect(done.spec.healthCheck).toBeNull();
    expect(done.previousSpec?.healthCheck?.shell).toBe('echo broken; exit 1');
    expect(serving(done)).toHaveLength(2);
    expect(serving(done).every((t) => t.status.health === null)).toBe(true);
    expect(done.tasks.filter((t) => t.status.state === 'FAILED').map((t) => t.status.health)).toEqual(['unhealthy']);
    // Every slot back on the spec rolled back to; the rollback's own tasks did not fail.
    expect(done.updateStatus).toMatchObject({ failures: 0, failuresAllowed: 0, monitorUntil: null });
    expect(done.updateStatus?.slots).toEqual([
      { slot: 1, state: 'UPDATED' },
      { slot: 2, state: 'UPDATED' },
    ]);
    await remove(id);
  });

  it('under stop-first (the default), starts the new container only once the old one has died', async () => {
    // A container that takes two seconds to stop: time enough for a clash if the new one started at once.
    const { id } = await create({
      name: 'one-port',
      replicas: 1,
      env: ['V=1'],
      args: ['sh', '-c', 'trap "sleep 2; exit 0" TERM; while true; do sleep 1; done'],
      updateConfig: { monitorMs: 500 },
    });
    const start = await waitFor('the task running', async () => {
      const s = await service(id);
      return serving(s).length === 1 ? s : undefined;
    });
    // The engine's own record of what started and died, in order.
    const seen: string[] = [];
    const events = (await docker.getEvents({
      filters: { type: ['container'], event: ['start', 'die'], label: [`shoal.service.id=${id}`] },
    })) as NodeJS.ReadableStream & { destroy(): void };
    events.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const e = JSON.parse(line) as { status: string; Actor: { Attributes: Record<string, string> } };
        seen.push(`${e.status} ${e.Actor.Attributes['shoal.task.id']}`);
      }
    });
    await c.api.must(UPDATE, { id, v: start.version, input: { env: ['V=2'] } });
    const done = await waitFor('the update to complete', async () => {
      const s = await service(id);
      return s.updateStatus?.state === 'COMPLETED' ? s : undefined;
    });
    events.destroy();
    const [old] = serving(start);
    const [replacement] = serving(done);
    expect(seen).toEqual([`die ${old.id}`, `start ${replacement.id}`]);
    await remove(id);
  });

  describe('bad update settings: a coded error, and nothing written', () => {
    // Only the request under test may move the applied index: wait until the earlier tests'
    // tasks are stopped and reaped (their agent reports and the reaper write entries).
    beforeAll(() =>
      waitFor('earlier tests settled', async () => (await c.api.must<{ tasks: { totalCount: number } }>('{ tasks { totalCount } }')).tasks.totalCount === 0),
    );
    const cases: [string, Record<string, unknown>, string | null][] = [
      ['a negative parallelism', { updateConfig: { parallelism: -1 } }, 'input.updateConfig.parallelism'],
      ['a failure ratio above 1', { updateConfig: { maxFailureRatio: 1.5 } }, 'input.updateConfig.maxFailureRatio'],
      ['an unknown failure action', { updateConfig: { failureAction: 'RETRY' } }, null],
      ['a rollback that would roll back', { rollbackConfig: { failureAction: 'ROLLBACK' } }, 'input.rollbackConfig.failureAction'],
    ];
    it.each(cases)('refuses %s', async (_what, input, field) => {
      const { id, version } = await create({ name: 'kept', replicas: 0 });
      const before = await appliedIndex();
      const r = await c.api.request(UPDATE, { id, v: version, input });
      expect(r.data ?? null).toBeNull();
      expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      if (field) expect(r.errors?.[0].extensions?.field).toBe(field);
      expect(await appliedIndex()).toBe(before);
      const s = await service(id);
      expect({ version: s.version, updateStatus: s.updateStatus }).toEqual({ version, updateStatus: null });
      await remove(id);
    });
  });
});
