import { DesiredState, TaskState } from '@shoal/protocol';
import { ServicesService } from '../../services/services.service';
import type { ServiceSpec, TaskObject } from '../../store/objects';
import type { UpdateConfig } from '../../store/update';
import { StoreFixture } from '../../testing/store.fixture';
import { ReplicatedOrchestrator } from '../replicated/replicated.orchestrator';
import { updateProgress } from './rolling-update';

/** Rolling updates through the orchestrator on a real store, with a fake clock shared by every writer. */
describe('rolling update', () => {
  let f: StoreFixture;
  let orchestrator: ReplicatedOrchestrator;
  let services: ServicesService;
  let now: number;

  beforeEach(async () => {
    f = await StoreFixture.open();
    await f.cluster();
    await f.node('n1');
    now = Date.parse('2026-06-01T00:00:00.000Z');
    const clock = () => new Date(now);
    orchestrator = new ReplicatedOrchestrator(f.store, f.proposer);
    services = new ServicesService(f.store, f.proposer);
    orchestrator.clock = f.proposer.clock = services.clock = clock;
  });
  afterEach(() => f.close());

  const service = () => f.store.service('web')!;
  const desired = () => f.store.tasks({ serviceId: 'web', desiredState: DesiredState.RUNNING }).sort((a, b) => a.slot - b.slot);
  const args = (ts: TaskObject[]) => ts.map((t) => t.spec.args?.[0]);
  const progress = () => updateProgress(service(), f.store.tasks({ serviceId: 'web' }));
  const state = () => service().updateStatus?.state;
  /** The agent's part: every task placed and running (or failed, for the args given). */
  const agent = async (fail: string[] = []) => {
    for (const t of desired()) {
      if (t.status.state !== TaskState.PENDING) continue;
      const failed = fail.includes(t.spec.args?.[0] ?? '');
      const at = new Date(now).toISOString();
      await f.patchTask(t.id, {
        nodeId: 'n1',
        status: failed
          ? { state: TaskState.FAILED, message: 'non-zero exit (1)', timestamp: at }
          : { state: TaskState.RUNNING, message: 'started', timestamp: at, startedAt: at },
      });
    }
  };
  /** A service of `replicas` running tasks of args ["v1"]. */
  const running = async (replicas: number, updateConfig?: UpdateConfig, more: Partial<ServiceSpec> = {}) => {
    await f.service('web', { replicas, args: ['v1'], updateConfig, ...more });
    await orchestrator.run();
    await agent();
  };
  const update = (patch: Partial<ServiceSpec>) => services.update('web', service().version, patch);
  const step = async (fail: string[] = []) => {
    await orchestrator.run();
    await agent(fail);
  };

  it('replaces one slot at a time with parallelism 1, and completes after the monitor period', async () => {
    await running(3);
    await update({ args: ['v2'] });
    expect(state()).toBe('UPDATING');
    await orchestrator.run();
    expect(args(desired())).toEqual(['v2', 'v1', 'v1']);
    await orchestrator.run(); // the new task is not running yet: the next slot waits
    expect(args(desired())).toEqual(['v2', 'v1', 'v1']);
    await agent();
    expect(progress()).toEqual({ updated: 1, total: 3 });
    await step();
    expect(args(desired())).toEqual(['v2', 'v2', 'v1']);
    await step();
    expect(args(desired())).toEqual(['v2', 'v2', 'v2']);
    expect(await orchestrator.run()).toBe(5000); // monitoring the last batch
    expect(state()).toBe('UPDATING');
    now += 5000;
    await orchestrator.run();
    expect(service().updateStatus).toMatchObject({ state: 'COMPLETED', message: 'update completed', completedAt: new Date(now).toISOString() });
    expect(progress()).toEqual({ updated: 3, total: 3 });
    expect(service().previousSpec?.args).toEqual(['v1']);
  });

  it('replaces `parallelism` slots per batch, and all at once with 0', async () => {
    await running(5, { parallelism: 2 });
    await update({ args: ['v2'] });
    await step();
    expect(args(desired())).toEqual(['v2', 'v2', 'v1', 'v1', 'v1']);
    await step();
    expect(args(desired())).toEqual(['v2', 'v2', 'v2', 'v2', 'v1']);
    await update({ args: ['v3'], updateConfig: { parallelism: 0 } });
    await step();
    expect(args(desired())).toEqual(['v3', 'v3', 'v3', 'v3', 'v3']);
  });

  it('waits the delay after a batch runs before the next one', async () => {
    await running(2, { delayMs: 10_000 });
    await update({ args: ['v2'] });
    await step();
    expect(await orchestrator.run()).toBe(10_000);
    expect(args(desired())).toEqual(['v2', 'v1']);
    now += 9_999;
    await orchestrator.run();
    expect(args(desired())).toEqual(['v2', 'v1']);
    now += 1;
    await orchestrator.run();
    expect(args(desired())).toEqual(['v2', 'v2']);
  });

  it('stop-first stops the old task with the new one placed; start-first keeps it until the new one runs', async () => {
    await running(1);
    const [v1] = desired();
    await update({ args: ['v2'] });
    await orchestrator.run();
    expect(f.store.task(v1.id)!.desiredState).toBe(DesiredState.SHUTDOWN);
    await agent();

    await update({ args: ['v3'], updateConfig: { order: 'START_FIRST' } });
    const [v2] = desired().filter((t) => t.status.state === TaskState.RUNNING);
    await orchestrator.run();
    expect(args(desired()).sort()).toEqual(['v2', 'v3']);
    await orchestrator.run();
    expect(f.store.task(v2.id)!.desiredState).toBe(DesiredState.RUNNING);
    await agent();
    await orchestrator.run();
    expect(f.store.task(v2.id)!.desiredState).toBe(DesiredState.SHUTDOWN);
    expect(args(desired())).toEqual(['v3']);
  });

  it('pauses on a failed new task by default, leaving the other slots outdated, until the next update', async () => {
    await running(3);
    await update({ args: ['bad'] });
    await step(['bad']);
    await orchestrator.run();
    expect(service().updateStatus).toMatchObject({ state: 'PAUSED' });
    expect(service().updateStatus?.message).toMatch(/^update paused: 1 of 3 new tasks failed \(task \S+: non-zero exit \(1\)\)$/);
    await step(['bad']);
    await step(['bad']);
    expect(args(desired().filter((t) => t.slot > 1))).toEqual(['v1', 'v1']);
    await update({ args: ['v2'] });
    expect(state()).toBe('UPDATING');
    for (let i = 0; i < 4; i++) await step();
    expect(args(desired())).toEqual(['v2', 'v2', 'v2']);
  });

  it('counts a failure only before the task runs or within the monitor period after it started', async () => {
    await running(2, { monitorMs: 1000 });
    await update({ args: ['v2'] });
    await step();
    const fail = async (t: TaskObject) => {
      await f.patchTask(t.id, { status: { ...t.status, state: TaskState.FAILED, message: 'exit 1', timestamp: new Date(now).toISOString() } });
      await orchestrator.run();
    };
    now += 1001;
    await fail(desired()[0]);
    expect(state()).toBe('UPDATING');
    await agent();
    now += 1000;
    await fail(desired().find((t) => t.createdAt === new Date(now - 1000).toISOString())!);
    expect(state()).toBe('PAUSED');
  });

  it('goes on past failures with failureAction CONTINUE', async () => {
    await running(2, { failureAction: 'CONTINUE' });
    await update({ args: ['bad'] });
    for (let i = 0; i < 4; i++) await step(['bad']);
    expect(state()).toBe('UPDATING');
    expect(f.store.tasks({ serviceId: 'web' }).filter((t) => t.spec.args?.[0] === 'v1' && t.desiredState === DesiredState.RUNNING)).toEqual([]);
  });

  it('tolerates failures up to maxFailureRatio of the slots, then takes the failure action', async () => {
    await running(4, { parallelism: 0, maxFailureRatio: 0.25 });
    await update({ args: ['bad'] });
    await orchestrator.run();
    const [first, second] = desired();
    await f.patchTask(first.id, { nodeId: 'n1', status: { state: TaskState.FAILED, message: 'exit 1', timestamp: 'x' } });
    await orchestrator.run();
    expect(state()).toBe('UPDATING'); // 1 of 4 is not above 0.25
    await f.patchTask(second.id, { nodeId: 'n1', status: { state: TaskState.FAILED, message: 'exit 1', timestamp: 'x' } });
    await orchestrator.run();
    expect(state()).toBe('PAUSED');
  });

  it('rolls back by itself with failureAction ROLLBACK, using the rollback config, and keeps the failed spec as previous', async () => {
    await running(3, { failureAction: 'ROLLBACK' }, { rollbackConfig: { parallelism: 0 } });
    await update({ args: ['bad'] });
    await step(['bad']);
    await orchestrator.run();
    expect(service().updateStatus?.state).toBe('ROLLBACK_STARTED');
    expect(service().updateStatus?.message).toMatch(/^rollback started: 1 of 3 new tasks failed/);
    expect(service().spec.args).toEqual(['v1']);
    expect(service().previousSpec?.args).toEqual(['bad']);
    await step();
    expect(args(desired())).toEqual(['v1', 'v1', 'v1']);
    now += 5000;
    await orchestrator.run();
    expect(state()).toBe('ROLLBACK_COMPLETED');
    expect(service().updateStatus?.message).toMatch(/^rollback completed: 1 of 3 new tasks failed \(task \S+: non-zero exit \(1\)\)$/);
  });

  it('counts a new task that is still not running after startTimeoutMs as a failure, so the failure action applies', async () => {
    await running(2, { failureAction: 'ROLLBACK', startTimeoutMs: 60_000 });
    await update({ args: ['stuck'] });
    const { wakeAt } = orchestrator.plan();
    await orchestrator.run(); // slot 1 gets a task of the new spec, which no agent ever runs
    const [stuck] = desired().filter((t) => t.spec.args?.[0] === 'stuck');
    expect(wakeAt).toBeUndefined();
    expect(orchestrator.plan().wakeAt).toBe(now + 60_000);
    now += 59_999;
    await orchestrator.run();
    expect(state()).toBe('UPDATING');
    now += 1;
    await orchestrator.run();
    expect(state()).toBe('ROLLBACK_STARTED');
    expect(service().updateStatus?.message).toBe(
      `rollback started: 1 of 2 new tasks failed (task ${stuck.id} not running after 60 s (PENDING: waiting for the scheduler))`,
    );
    await step();
    expect(args(desired())).toEqual(['v1', 'v1']);
    expect(f.store.task(stuck.id)!.desiredState).toBe(DesiredState.SHUTDOWN);
  });

  it('goes on past a stalled task with failureAction CONTINUE, and completes', async () => {
    await running(2, { failureAction: 'CONTINUE', startTimeoutMs: 1000 });
    await update({ args: ['v2'] });
    await orchestrator.run();
    now += 999;
    await orchestrator.run();
    expect(args(desired())).toEqual(['v2', 'v1']); // slot 1's new task is on its way
    now += 1;
    await orchestrator.run(); // and now stalled: slot 2 goes next
    expect(args(desired())).toEqual(['v2', 'v2']);
    expect(state()).toBe('UPDATING');
    await agent();
    now += 5000;
    await orchestrator.run();
    expect(state()).toBe('COMPLETED');
  });

  it('pauses a rollback whose own tasks fail', async () => {
    await running(2, { failureAction: 'ROLLBACK' });
    await update({ args: ['bad'] });
    await step(['bad']);
    await orchestrator.run();
    expect(state()).toBe('ROLLBACK_STARTED');
    await step(['v1']);
    await orchestrator.run();
    expect(state()).toBe('ROLLBACK_PAUSED');
  });

  it('rolls back by hand with rollbackService, and refuses when there is nothing to roll back to', async () => {
    await running(2);
    await expect(services.rollback('web')).rejects.toMatchObject({ code: 'CONFLICT' });
    await update({ args: ['v2'] });
    for (let i = 0; i < 3; i++) await step();
    await services.rollback('web');
    expect(state()).toBe('ROLLBACK_STARTED');
    for (let i = 0; i < 3; i++) await step();
    expect(args(desired())).toEqual(['v1', 'v1']);
  });

  it('carries on after a leader change: a new orchestrator on the same store takes the next batch', async () => {
    await running(3);
    await update({ args: ['v2'] });
    await step();
    const next = new ReplicatedOrchestrator(f.store, f.proposer);
    next.clock = orchestrator.clock;
    await next.run();
    expect(args(desired())).toEqual(['v2', 'v2', 'v1']);
  });

  it('starts no update when only the replica count changes', async () => {
    await running(2);
    await update({ replicas: 3 });
    expect(service().updateStatus).toBeUndefined();
  });

  it('previews an update: the changed fields and the tasks it would replace, writing nothing', async () => {
    await running(2);
    const index = f.store.appliedIndex;
    const p = services.preview('web', { args: ['v2'], env: ['A=1'] });
    expect(p.changes).toEqual([
      { path: 'args[0]', old: '"v1"', new: '"v2"' },
      { path: 'env', new: '["A=1"]' },
    ]);
    expect(p.replaced.map((t) => t.slot)).toEqual([1, 2]);
    expect(services.preview('web', { replicas: 5 }).replaced).toEqual([]);
    expect(() => services.preview('web', { updateConfig: { parallelism: -1 } })).toThrow(/updateConfig.parallelism/);
    expect(f.store.appliedIndex).toBe(index);
  });
});
