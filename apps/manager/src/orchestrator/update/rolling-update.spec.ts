import { DesiredState, TaskState } from '@shoal/protocol';
import type { ServiceSpec, TaskObject } from '../../store/objects';
import type { UpdateConfig } from '../../store/update';
import type { StoreFixture } from '../../testing/store.fixture';
import { UpdateFixture } from '../../testing/update.fixture';
import { ReplicatedOrchestrator } from '../replicated/replicated.orchestrator';
import { updateProgress } from './rolling-update';

/** Rolling updates through the orchestrator on a real store, with a fake clock shared by every writer (../../testing/update.fixture). */
describe('rolling update', () => {
  let u: UpdateFixture;
  let f: StoreFixture;
  let orchestrator: ReplicatedOrchestrator;

  beforeEach(async () => {
    u = await UpdateFixture.open();
    ({ f, orchestrator } = u);
  });
  afterEach(() => u.close());

  const service = () => u.service();
  const desired = () => u.desired();
  const args = (ts: TaskObject[]) => ts.map((t) => t.spec.args?.[0]);
  const progress = () => updateProgress(service(), f.store.tasks({ serviceId: 'web' }));
  const state = () => service().updateStatus?.state;
  const agent = (fail: string[] = []) => u.agent(fail);
  const running = (replicas: number, updateConfig?: UpdateConfig, more: Partial<ServiceSpec> = {}) => u.running(replicas, updateConfig, more);
  const update = (patch: Partial<ServiceSpec>) => u.update(patch);
  const step = (fail: string[] = []) => u.step(fail);

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
    u.now += 5000;
    await orchestrator.run();
    expect(service().updateStatus).toMatchObject({ state: 'COMPLETED', message: 'update completed', completedAt: new Date(u.now).toISOString() });
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
    u.now += 9_999;
    await orchestrator.run();
    expect(args(desired())).toEqual(['v2', 'v1']);
    u.now += 1;
    await orchestrator.run();
    expect(args(desired())).toEqual(['v2', 'v2']);
  });

  it('stop-first holds the new task back until the old one has stopped; start-first keeps the old one until the new one runs', async () => {
    await running(1);
    const [v1] = desired();
    await update({ args: ['v2'] });
    await orchestrator.run();
    expect(f.store.task(v1.id)!.desiredState).toBe(DesiredState.SHUTDOWN);
    const [held] = desired();
    expect(held).toMatchObject({ desiredState: DesiredState.READY, nodeId: null, status: { message: `waiting for task ${v1.id} to stop` } });
    await orchestrator.run(); // the old task still runs: the new one stays held
    expect(f.store.task(held.id)!.desiredState).toBe(DesiredState.READY);
    await f.patchTask(v1.id, { status: { ...v1.status, state: TaskState.SHUTDOWN, message: 'shut down' } });
    await orchestrator.run();
    expect(f.store.task(held.id)).toMatchObject({ desiredState: DesiredState.RUNNING, status: { message: 'waiting for the scheduler' } });
    await agent();
    expect(progress()).toEqual({ updated: 1, total: 1 });

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

  it('replaces every task when forced, though nothing else changed, one batch at a time', async () => {
    await running(2);
    const before = desired().map((t) => t.id);
    await u.services.update(service().id, service().version, {}, { force: true });
    expect(service().spec.forceUpdate).toBe(1);
    expect(state()).toBe('UPDATING');
    await step();
    expect(desired().filter((t) => before.includes(t.id))).toHaveLength(1); // parallelism 1
    await step();
    expect(desired().filter((t) => before.includes(t.id))).toEqual([]);
    expect(args(desired())).toEqual(['v1', 'v1']);
    expect(u.services.preview(service().id, {}, true).replaced.map((t) => t.slot)).toEqual([1, 2]);
    expect(u.services.preview(service().id, {}).replaced).toEqual([]);
  });

  it("holds the rolled-back task too while the slot's first task is still stopping (a rollback that comes mid-replacement)", async () => {
    await running(1, { failureAction: 'ROLLBACK' });
    const [v1] = desired();
    await update({ args: ['v2'] });
    await orchestrator.run(); // v1 asked to stop; v2 held
    const [v2] = desired();
    expect(v2.desiredState).toBe(DesiredState.READY);
    await u.services.rollback(service().id);
    await orchestrator.run();
    // The slot's task of the spec rolled back to waits for v1 as well: v1 has still not stopped.
    const [back] = desired();
    expect(back).toMatchObject({ spec: { args: ['v1'] }, desiredState: DesiredState.READY, nodeId: null });
    expect(back.status.message).toBe(`waiting for task ${v1.id} to stop`);
    expect(f.store.task(v2.id)!.desiredState).toBe(DesiredState.SHUTDOWN);
    await agent(); // v1 stops; the held task is promoted and runs
    expect(f.store.task(back.id)).toMatchObject({ desiredState: DesiredState.RUNNING, status: { state: TaskState.RUNNING } });
  });

  it('does not hold a stop-first task for an old one on a down node, which can never report it stopped', async () => {
    await running(1);
    const [v1] = desired();
    await f.proposer.propose([{ op: 'patch', kind: 'node', id: 'n1', fields: { status: { ...f.store.node('n1')!.status, state: 'DOWN' } } }]);
    await update({ args: ['v2'] });
    await orchestrator.run();
    expect(f.store.task(v1.id)!.desiredState).toBe(DesiredState.SHUTDOWN);
    expect(desired().map((t) => [t.spec.args?.[0], t.desiredState])).toEqual([['v2', DesiredState.RUNNING]]);
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
      await f.patchTask(t.id, { status: { ...t.status, state: TaskState.FAILED, message: 'exit 1', timestamp: new Date(u.now).toISOString() } });
      await orchestrator.run();
    };
    u.now += 1001;
    await fail(desired()[0]);
    expect(state()).toBe('UPDATING');
    await agent();
    u.now += 1000;
    await fail(desired().find((t) => t.createdAt === new Date(u.now - 1000).toISOString())!);
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
    u.now += 5000;
    await orchestrator.run();
    expect(state()).toBe('ROLLBACK_COMPLETED');
    expect(service().updateStatus?.message).toMatch(/^rollback completed: 1 of 3 new tasks failed \(task \S+: non-zero exit \(1\)\)$/);
  });

  it('counts a new task that is still not running after startTimeoutMs as a failure, so the failure action applies', async () => {
    await running(2, { failureAction: 'ROLLBACK', startTimeoutMs: 60_000 });
    const [v1] = desired();
    await update({ args: ['stuck'] });
    const { wakeAt } = orchestrator.plan();
    // Slot 1 gets a task of the new spec, held until the old one stops, which no agent ever reports.
    await orchestrator.run();
    const [stuck] = desired().filter((t) => t.spec.args?.[0] === 'stuck');
    expect(wakeAt).toBeUndefined();
    expect(orchestrator.plan().wakeAt).toBe(u.now + 60_000);
    u.now += 59_999;
    await orchestrator.run();
    expect(state()).toBe('UPDATING');
    u.now += 1;
    await orchestrator.run();
    expect(state()).toBe('ROLLBACK_STARTED');
    expect(service().updateStatus?.message).toBe(
      `rollback started: 1 of 2 new tasks failed (task ${stuck.id} not running after 60 s (PENDING: waiting for task ${v1.id} to stop))`,
    );
    await step();
    expect(args(desired())).toEqual(['v1', 'v1']);
    expect(f.store.task(stuck.id)!.desiredState).toBe(DesiredState.SHUTDOWN);
  });

  it('goes on past a stalled task with failureAction CONTINUE, and completes', async () => {
    await running(2, { failureAction: 'CONTINUE', startTimeoutMs: 1000 });
    await update({ args: ['v2'] });
    await orchestrator.run();
    u.now += 999;
    await orchestrator.run();
    expect(args(desired())).toEqual(['v2', 'v1']); // slot 1's new task is on its way
    u.now += 1;
    await orchestrator.run(); // and now stalled: slot 2 goes next
    expect(args(desired())).toEqual(['v2', 'v2']);
    expect(state()).toBe('UPDATING');
    await agent();
    u.now += 5000;
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
    await expect(u.services.rollback('web')).rejects.toMatchObject({ code: 'CONFLICT' });
    await update({ args: ['v2'] });
    for (let i = 0; i < 3; i++) await step();
    await u.services.rollback('web');
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
    const p = u.services.preview('web', { args: ['v2'], env: ['A=1'] });
    expect(p.changes).toEqual([
      { path: 'args[0]', old: '"v1"', new: '"v2"' },
      { path: 'env', new: '["A=1"]' },
    ]);
    expect(p.replaced.map((t) => t.slot)).toEqual([1, 2]);
    expect(u.services.preview('web', { replicas: 5 }).replaced).toEqual([]);
    expect(() => u.services.preview('web', { updateConfig: { parallelism: -1 } })).toThrow(/updateConfig.parallelism/);
    expect(f.store.appliedIndex).toBe(index);
  });
});
