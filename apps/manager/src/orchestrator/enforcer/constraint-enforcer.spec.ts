import { DesiredState, TaskState } from '@shoal/protocol';
import { SchedulerLoop } from '../../scheduler/scheduler.loop';
import { StoreFixture } from '../../testing/store.fixture';
import { ReplicatedOrchestrator } from '../replicated/replicated.orchestrator';
import { misplacedTasks } from './constraint-enforcer';

describe('constraint enforcer', () => {
  let f: StoreFixture;
  let orchestrator: ReplicatedOrchestrator;
  let scheduler: SchedulerLoop;
  const running = () => f.store.tasks({ desiredState: DesiredState.RUNNING });
  /** Stands in for the agents: every assigned task runs. */
  const agentsRun = async () => {
    for (const t of running())
      if (t.status.state === TaskState.ASSIGNED) await f.patchTask(t.id, { status: { state: TaskState.RUNNING, message: '', timestamp: 'x' } });
  };
  const converge = async () => {
    await orchestrator.run();
    await scheduler.run();
    await agentsRun();
  };

  beforeEach(async () => {
    f = await StoreFixture.open();
    await f.cluster({ restartDelayMs: 60_000 });
    orchestrator = new ReplicatedOrchestrator(f.store, f.proposer);
    scheduler = new SchedulerLoop(f.store, f.proposer);
  });
  afterEach(() => f.close());

  it('moves a task off a node whose labels no longer meet its constraint, at once, and explains a replacement that cannot go anywhere', async () => {
    await f.node('n1', { labels: { zone: 'eu' } });
    await f.node('n2', { labels: { zone: 'us' } });
    await f.service('web', { replicas: 1, placement: { constraints: ['node.labels.zone==eu'] } });
    await converge();
    const [first] = running();
    expect(first.nodeId).toBe('n1');
    expect(orchestrator.plan().actions).toEqual([]);

    await f.proposer.propose([{ op: 'patch', kind: 'node', id: 'n1', fields: { labels: { zone: 'us' } } }]);
    expect(misplacedTasks(f.store.nodes(), f.store.tasks()).get(first.id)).toBe(
      'node host-n1 no longer meets constraint node.labels.zone==eu (node.labels.zone is "us")',
    );
    await converge();
    expect(f.store.task(first.id)!.desiredState).toBe(DesiredState.SHUTDOWN);
    const [second] = running();
    expect(second.slot).toBe(1);
    // Refilled at once despite the minute of restart delay: the task did not fail.
    expect(second.status.state).toBe(TaskState.PENDING);
    expect(second.status.message).toBe('no suitable node (2 nodes: 2 nodes fail constraint node.labels.zone==eu (node.labels.zone is "us"))');

    await f.proposer.propose([{ op: 'patch', kind: 'node', id: 'n2', fields: { labels: { zone: 'eu' } } }]);
    await converge();
    expect(f.store.task(second.id)!.nodeId).toBe('n2');
    expect(f.store.task(second.id)!.status.state).toBe(TaskState.RUNNING);
  });

  it("shuts down the newest tasks with reservations when the node's resources shrink below them, and replaces them elsewhere", async () => {
    await f.node('n1');
    await f.service('web', { replicas: 2, resources: { reservations: { nanoCpus: 1e9 } } });
    await converge();
    expect(running().filter((t) => t.nodeId === 'n1' && t.status.state === TaskState.RUNNING)).toHaveLength(2);
    const newest = [...running()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1))[0];

    const n1 = f.store.node('n1')!;
    await f.proposer.propose([{ op: 'patch', kind: 'node', id: 'n1', fields: { description: { ...n1.description, cpus: 1 } } }]);
    await f.node('n2');
    await converge();
    expect(f.store.task(newest.id)!.desiredState).toBe(DesiredState.SHUTDOWN);
    expect(
      running()
        .map((t) => t.nodeId)
        .sort(),
    ).toEqual(['n1', 'n2']);
    expect(orchestrator.plan().actions).toEqual([]);
  });

  it('leaves tasks without constraints or reservations where they are', async () => {
    await f.node('n1', { labels: { zone: 'eu' } });
    await f.service('web', { replicas: 2 });
    await converge();
    await f.proposer.propose([{ op: 'patch', kind: 'node', id: 'n1', fields: { labels: {}, description: { ...f.store.node('n1')!.description, cpus: 1 } } }]);
    expect(misplacedTasks(f.store.nodes(), f.store.tasks()).size).toBe(0);
    expect(orchestrator.plan().actions).toEqual([]);
  });
});
