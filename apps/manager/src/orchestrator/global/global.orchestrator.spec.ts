import { DesiredState, TaskState } from '@shoal/protocol';
import { ShoalError } from '../../common/errors';
import { SchedulerLoop } from '../../scheduler/scheduler.loop';
import { validateServiceSpec } from '../../services/service-spec.validation';
import type { NodeObject } from '../../store/objects';
import { StoreFixture } from '../../testing/store.fixture';
import { TaskReaper } from '../reaper/task.reaper';
import { ReplicatedOrchestrator } from '../replicated/replicated.orchestrator';
import { updateProgress } from '../update/rolling-update';
import { globalDesired } from './global-nodes';

describe('global services', () => {
  let f: StoreFixture;
  let orchestrator: ReplicatedOrchestrator;
  let scheduler: SchedulerLoop;
  const running = () => f.store.tasks({ serviceId: 'agent', desiredState: DesiredState.RUNNING });
  const nodesOf = () =>
    running()
      .map((t) => t.nodeId)
      .sort();
  /** What the leader's loops do after a change: orchestrate, then place. */
  const settle = async (): Promise<void> => {
    await orchestrator.run();
    await scheduler.run();
  };
  const patchNode = (id: string, fields: Partial<NodeObject>) => f.proposer.propose([{ op: 'patch', kind: 'node', id, fields }]);

  beforeEach(async () => {
    f = await StoreFixture.open();
    await f.cluster();
    for (const id of ['n1', 'n2', 'n3']) await f.node(id);
    orchestrator = new ReplicatedOrchestrator(f.store, f.proposer);
    scheduler = new SchedulerLoop(f.store, f.proposer);
  });
  afterEach(() => f.close());

  it('runs one task on every node, each placed on its own node, and does nothing more on a second run', async () => {
    await f.service('agent', { mode: 'GLOBAL', replicas: 0 });
    await settle();
    expect(nodesOf()).toEqual(['n1', 'n2', 'n3']);
    expect(running().every((t) => t.status.state === TaskState.ASSIGNED)).toBe(true);
    expect(orchestrator.plan().actions).toEqual([]);
    expect(globalDesired(f.store.nodes(), f.store.service('agent')!)).toBe(3);
  });

  it('gives a node that joins its task', async () => {
    await f.service('agent', { mode: 'GLOBAL', replicas: 0 });
    await settle();
    await f.node('n4');
    await settle();
    expect(nodesOf()).toEqual(['n1', 'n2', 'n3', 'n4']);
  });

  it('shuts the task of a drained or down node without moving it elsewhere, and puts one back when the node returns', async () => {
    await f.service('agent', { mode: 'GLOBAL', replicas: 0 });
    await settle();
    await patchNode('n2', { availability: 'DRAIN' });
    await patchNode('n3', { status: { state: 'DOWN', message: 'heartbeat failure', addr: '', timestamp: 'x' } });
    await settle();
    expect(nodesOf()).toEqual(['n1']);
    expect(f.store.tasks({ serviceId: 'agent', nodeId: 'n2' }).map((t) => t.desiredState)).toEqual([DesiredState.SHUTDOWN]);
    expect(f.store.tasks({ serviceId: 'agent', nodeId: 'n3' }).map((t) => t.desiredState)).toEqual([DesiredState.SHUTDOWN]);
    expect(globalDesired(f.store.nodes(), f.store.service('agent')!)).toBe(1);
    await patchNode('n2', { availability: 'ACTIVE' });
    await settle();
    expect(nodesOf()).toEqual(['n1', 'n2']);
  });

  it('keeps the task of a paused node but gives a paused node no new one', async () => {
    await f.service('agent', { mode: 'GLOBAL', replicas: 0 });
    await settle();
    await patchNode('n1', { availability: 'PAUSE' });
    await f.service('other', { mode: 'GLOBAL', replicas: 0 });
    await settle();
    expect(nodesOf()).toEqual(['n1', 'n2', 'n3']);
    expect(
      f.store
        .tasks({ serviceId: 'other', desiredState: DesiredState.RUNNING })
        .map((t) => t.nodeId)
        .sort(),
    ).toEqual(['n2', 'n3']);
  });

  it('runs only on nodes that pass its constraints, and leaves a node that stops passing them', async () => {
    await patchNode('n1', { labels: { zone: 'eu' } });
    await patchNode('n2', { labels: { zone: 'eu' } });
    await f.service('agent', { mode: 'GLOBAL', replicas: 0, placement: { constraints: ['node.labels.zone==eu'] } });
    await settle();
    expect(nodesOf()).toEqual(['n1', 'n2']);
    await patchNode('n2', { labels: { zone: 'us' } });
    await settle();
    expect(nodesOf()).toEqual(['n1']);
  });

  it('leaves the task of a node short of resources pending, saying why for that node only', async () => {
    await patchNode('n2', { description: { ...f.store.node('n2')!.description, cpus: 1 } });
    await f.service('agent', { mode: 'GLOBAL', replicas: 0, resources: { reservations: { nanoCpus: 2e9 } } });
    await settle();
    expect(nodesOf()).toEqual([null, 'n1', 'n3'].sort());
    const [waiting] = running().filter((t) => t.nodeId === null);
    expect(waiting.targetNodeId).toBe('n2');
    expect(waiting.status.state).toBe(TaskState.PENDING);
    expect(waiting.status.message).toBe('no suitable node (1 node: 1 node has 1 CPU free, 2 needed (0 of 1 reserved))');
  });

  it('replaces a task that failed on its node, on that node', async () => {
    await f.service('agent', { mode: 'GLOBAL', replicas: 0 });
    await settle();
    const [onN1] = running().filter((t) => t.nodeId === 'n1');
    await f.patchTask(onN1.id, { status: { state: TaskState.FAILED, message: 'exit 1', timestamp: 'x' } });
    await settle();
    expect(nodesOf()).toEqual(['n1', 'n2', 'n3']);
    expect(running().find((t) => t.nodeId === 'n1')!.id).not.toBe(onN1.id);
  });

  it('replaces every node’s task with one of a new spec (rolling update)', async () => {
    await f.service('agent', { mode: 'GLOBAL', replicas: 0, updateConfig: { parallelism: 0 } });
    await settle();
    for (const t of running()) await f.patchTask(t.id, { status: { state: TaskState.RUNNING, message: '', timestamp: 'x' } });
    const old = running();
    await f.proposer.propose([{ op: 'patch', kind: 'service', id: 'agent', fields: { spec: { ...f.store.service('agent')!.spec, image: 'busybox:2' } } }]);
    await settle();
    // Stop-first (the default): the new tasks wait, unplaced, until the old ones stopped.
    expect(old.map((t) => f.store.task(t.id)!.desiredState)).toEqual(old.map(() => DesiredState.SHUTDOWN));
    const ready = f.store.tasks({ serviceId: 'agent', desiredState: DesiredState.READY });
    expect(ready.every((t) => t.nodeId === null)).toBe(true);
    expect(ready.map((t) => t.status.message).sort()).toEqual(old.map((t) => `waiting for task ${t.id} to stop`).sort());
    for (const t of old) await f.patchTask(t.id, { status: { state: TaskState.SHUTDOWN, message: 'stopped', timestamp: 'x' } });
    await settle();
    expect(running().map((t) => t.spec.image)).toEqual(['busybox:2', 'busybox:2', 'busybox:2']);
    expect(nodesOf()).toEqual(['n1', 'n2', 'n3']);
    for (const t of running()) await f.patchTask(t.id, { status: { state: TaskState.RUNNING, message: '', timestamp: 'x' } });
    expect(updateProgress(f.store.service('agent')!, f.store.tasks({ serviceId: 'agent' }))).toEqual({ updated: 3, total: 3 });
  });

  it('keeps a task history per node', async () => {
    await f.settings({ taskHistoryLimit: 2 });
    await f.service('agent', { mode: 'GLOBAL', replicas: 0 });
    await settle();
    for (const t of running()) await f.patchTask(t.id, { status: { state: TaskState.FAILED, message: 'exit 1', timestamp: 'x' } });
    await settle();
    await new TaskReaper(f.store, f.proposer).run();
    // Two tasks per node (the failed one and its replacement) are within the limit of each node's history.
    expect(
      f.store
        .tasks({ serviceId: 'agent' })
        .map((t) => t.nodeId)
        .sort(),
    ).toEqual(['n1', 'n1', 'n2', 'n2', 'n3', 'n3']);
  });

  it('refuses replicas with mode GLOBAL', () => {
    let err: unknown;
    try {
      validateServiceSpec({ name: 'agent', image: 'busybox:1', mode: 'GLOBAL', replicas: 2 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ShoalError);
    expect((err as ShoalError).code).toBe('BAD_USER_INPUT');
    expect((err as ShoalError).field).toBe('input.replicas');
  });
});
