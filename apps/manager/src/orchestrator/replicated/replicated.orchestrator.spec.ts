import { DesiredState, TaskState } from '@shoal/protocol';
import { StoreFixture } from '../../testing/store.fixture';
import { ReplicatedOrchestrator } from './replicated.orchestrator';

describe('ReplicatedOrchestrator', () => {
  let f: StoreFixture;
  let orchestrator: ReplicatedOrchestrator;
  const running = () => f.store.tasks({ desiredState: DesiredState.RUNNING });

  beforeEach(async () => {
    f = await StoreFixture.open();
    await f.cluster();
    await f.node('n1');
    orchestrator = new ReplicatedOrchestrator(f.store, f.proposer);
  });
  afterEach(() => f.close());

  it('fills every slot once, and does nothing more on a second run', async () => {
    await f.service('web', { replicas: 3, args: ['httpd'] });
    await orchestrator.run();
    expect(
      running()
        .map((t) => t.slot)
        .sort(),
    ).toEqual([1, 2, 3]);
    expect(running().every((t) => t.status.state === TaskState.PENDING && t.spec.args?.[0] === 'httpd')).toBe(true);
    expect(orchestrator.plan().actions).toEqual([]);
  });

  it('replaces a task that failed, keeping the failed one as history', async () => {
    await f.service('web', { replicas: 1 });
    await orchestrator.run();
    const [first] = running();
    await f.patchTask(first.id, { nodeId: 'n1', status: { state: TaskState.FAILED, message: 'exit 1', timestamp: 'x' } });
    await orchestrator.run();
    expect(f.store.task(first.id)!.desiredState).toBe(DesiredState.SHUTDOWN);
    expect(running()).toHaveLength(1);
    expect(running()[0].id).not.toBe(first.id);
    expect(running()[0].slot).toBe(1);
  });

  it('replaces tasks of a node that went down, but not of one that is only unknown', async () => {
    await f.service('web', { replicas: 2 });
    await orchestrator.run();
    for (const t of running()) await f.patchTask(t.id, { nodeId: 'n1', status: { state: TaskState.RUNNING, message: '', timestamp: 'x' } });
    expect(orchestrator.plan().actions).toEqual([]);
    await f.proposer.propose([
      { op: 'patch', kind: 'node', id: 'n1', fields: { status: { state: 'DOWN', message: 'heartbeat failure', addr: '', timestamp: 'x' } } },
    ]);
    await orchestrator.run();
    expect(running().map((t) => t.nodeId)).toEqual([null, null]);
  });

  it('moves tasks off a drained node at once, without a restart delay', async () => {
    await f.settings({ restartDelayMs: 60_000 });
    await f.service('web', { replicas: 2 });
    await orchestrator.run();
    for (const t of running()) await f.patchTask(t.id, { nodeId: 'n1', status: { state: TaskState.RUNNING, message: '', timestamp: 'x' } });
    await f.proposer.propose([{ op: 'patch', kind: 'node', id: 'n1', fields: { availability: 'DRAIN' } }]);
    await orchestrator.run();
    expect(running().map((t) => t.nodeId)).toEqual([null, null]);
    expect(f.store.tasks({ desiredState: DesiredState.SHUTDOWN, nodeId: 'n1' })).toHaveLength(2);
  });

  it('scales down by shutting the highest slots', async () => {
    await f.service('web', { replicas: 4 });
    await orchestrator.run();
    await f.proposer.propose([{ op: 'patch', kind: 'service', id: 'web', fields: { spec: { name: 'web', image: 'busybox:1', replicas: 2 } } }]);
    await orchestrator.run();
    expect(
      running()
        .map((t) => t.slot)
        .sort(),
    ).toEqual([1, 2]);
    expect(
      f.store
        .tasks({ desiredState: DesiredState.SHUTDOWN })
        .map((t) => t.slot)
        .sort(),
    ).toEqual([3, 4]);
  });

  it('replaces every task when the container spec changes, and none when only replicas change', async () => {
    const updateConfig = { parallelism: 0 }; // all at once: rolling updates are in ../update
    await f.service('web', { replicas: 2, args: ['a'], updateConfig });
    await orchestrator.run();
    const before = running()
      .map((t) => t.id)
      .sort();
    await f.proposer.propose([
      { op: 'patch', kind: 'service', id: 'web', fields: { spec: { name: 'web', image: 'busybox:1', replicas: 3, args: ['a'], updateConfig } } },
    ]);
    await orchestrator.run();
    expect(running().filter((t) => before.includes(t.id))).toHaveLength(2);
    await f.proposer.propose([
      { op: 'patch', kind: 'service', id: 'web', fields: { spec: { name: 'web', image: 'busybox:1', replicas: 3, args: ['b'], updateConfig } } },
    ]);
    await orchestrator.run();
    expect(running()).toHaveLength(3);
    expect(running().every((t) => t.spec.args?.[0] === 'b')).toBe(true);
  });

  it('gives new tasks the service placement and resources, and replaces tasks when either changes', async () => {
    const placement = { constraints: ['node.labels.zone==eu'] };
    const updateConfig = { parallelism: 0 };
    await f.service('web', { replicas: 2, placement, updateConfig });
    await orchestrator.run();
    expect(running().every((t) => t.placement?.constraints?.[0] === 'node.labels.zone==eu')).toBe(true);
    expect(orchestrator.plan().actions).toEqual([]);
    const first = running().map((t) => t.id);
    const spec = { name: 'web', image: 'busybox:1', replicas: 2, placement: { constraints: ['node.labels.zone==us'] }, updateConfig };
    await f.proposer.propose([{ op: 'patch', kind: 'service', id: 'web', fields: { spec } }]);
    await orchestrator.run();
    expect(running().some((t) => first.includes(t.id))).toBe(false);
    expect(running().every((t) => t.placement?.constraints?.[0] === 'node.labels.zone==us')).toBe(true);
    const second = running().map((t) => t.id);
    const resources = { reservations: { nanoCpus: 1e9 } };
    await f.proposer.propose([{ op: 'patch', kind: 'service', id: 'web', fields: { spec: { ...spec, resources } } }]);
    await orchestrator.run();
    expect(running().some((t) => second.includes(t.id))).toBe(false);
    expect(running().every((t) => t.spec.resources?.reservations?.nanoCpus === 1e9)).toBe(true);
  });

  it('treats an empty placement as none: no tasks replaced', async () => {
    await f.service('web', { replicas: 2 });
    await orchestrator.run();
    await f.proposer.propose([{ op: 'patch', kind: 'service', id: 'web', fields: { spec: { name: 'web', image: 'busybox:1', replicas: 2, placement: {} } } }]);
    expect(orchestrator.plan().actions).toEqual([]);
  });

  it('shuts down the tasks of a removed service', async () => {
    await f.service('web', { replicas: 2 });
    await orchestrator.run();
    await f.proposer.propose([{ op: 'remove', kind: 'service', id: 'web' }]);
    await orchestrator.run();
    expect(running()).toEqual([]);
  });

  it('keeps one task per slot when a slot somehow has two', async () => {
    await f.service('web', { replicas: 1 });
    await f.task({ id: 'old', serviceId: 'web', createdAt: '2026-01-01T00:00:00.000Z', spec: { image: 'busybox:1' } });
    await f.task({ id: 'new', serviceId: 'web', createdAt: '2026-01-02T00:00:00.000Z', spec: { image: 'busybox:1' } });
    await orchestrator.run();
    expect(running().map((t) => t.id)).toEqual(['new']);
  });

  it('waits out the restart delay before replacing a failed task, doubling it for each failure in a row', async () => {
    await f.settings({ restartDelayMs: 1000 });
    await f.service('web', { replicas: 1 });
    let now = Date.now();
    orchestrator.clock = () => new Date(now);
    await orchestrator.run();
    // The delay counts from when the orchestrator shut the failed task down (its updatedAt).
    const fail = async () => {
      const [t] = running();
      await f.patchTask(t.id, { nodeId: 'n1', status: { state: TaskState.FAILED, message: 'exit 1', timestamp: 'x' } });
      now = Date.parse(f.store.task(t.id)!.updatedAt);
      expect(await orchestrator.run()).toBeGreaterThan(0);
      expect(running()).toHaveLength(0);
      return Date.parse(f.store.task(t.id)!.updatedAt);
    };
    const firstFailure = await fail();
    now = firstFailure + 999;
    await orchestrator.run();
    expect(running()).toHaveLength(0);
    now = firstFailure + 1000;
    await orchestrator.run();
    expect(running()).toHaveLength(1);

    const secondFailure = await fail();
    now = secondFailure + 1999;
    await orchestrator.run();
    expect(running()).toHaveLength(0);
    now = secondFailure + 2000;
    await orchestrator.run();
    expect(running()).toHaveLength(1);
  });
});
