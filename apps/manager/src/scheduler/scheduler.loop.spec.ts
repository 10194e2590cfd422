import { DesiredState, TaskState } from '@shoal/protocol';
import { StoreFixture, T0 } from '../testing/store.fixture';
import { SchedulerLoop } from './scheduler.loop';

describe('SchedulerLoop', () => {
  let f: StoreFixture;
  let scheduler: SchedulerLoop;
  beforeEach(async () => {
    f = await StoreFixture.open();
    await f.cluster();
    scheduler = new SchedulerLoop(f.store, f.proposer);
  });
  afterEach(() => f.close());

  it('assigns pending tasks to ready, active nodes, spread evenly', async () => {
    await f.node('a');
    await f.node('b');
    await f.node('c', { availability: 'DRAIN' });
    for (let i = 1; i <= 4; i++) await f.task({ id: `t${i}`, serviceId: 'web', slot: i });
    await scheduler.run();
    const tasks = f.store.tasks();
    expect(tasks.every((t) => t.status.state === TaskState.ASSIGNED)).toBe(true);
    expect(tasks.filter((t) => t.nodeId === 'a')).toHaveLength(2);
    expect(tasks.filter((t) => t.nodeId === 'b')).toHaveLength(2);
  });

  it('leaves a task pending with an explanation when no node fits, and says it only once', async () => {
    await f.node('a', { status: { state: 'DOWN', message: '', addr: '', timestamp: 'x' } });
    await f.task({ id: 't1', serviceId: 'web' });
    await scheduler.run();
    const t = f.store.task('t1')!;
    expect(t.status.state).toBe(TaskState.PENDING);
    expect(t.status.message).toBe('no suitable node (1 node: 1 node is not ready (down or not connected))');
    expect(scheduler.plan()).toEqual([]);
  });

  it("places by the task's constraints, with node labels from the agent and the operator", async () => {
    await f.node('a', { labels: { zone: 'eu' } });
    await f.node('b', {
      description: {
        hostname: 'host-b',
        cpus: 2,
        memoryBytes: 2 ** 30,
        os: 'linux',
        arch: 'amd64',
        engineVersion: 'x',
        engineLabels: {},
        labels: { zone: 'eu' },
      },
    });
    await f.node('c', { labels: { zone: 'us' } });
    for (let i = 1; i <= 4; i++) await f.task({ id: `t${i}`, serviceId: 'web', slot: i, placement: { constraints: ['node.labels.zone==eu'] } });
    await scheduler.run();
    expect(
      f.store
        .tasks()
        .map((t) => t.nodeId)
        .sort(),
    ).toEqual(['a', 'a', 'b', 'b']);
  });

  it('counts the reservations and host ports of tasks still running, even those asked to stop', async () => {
    await f.node('a');
    await f.task({
      id: 'old',
      serviceId: 'web',
      nodeId: 'a',
      desiredState: DesiredState.SHUTDOWN,
      status: { state: TaskState.RUNNING, message: '', timestamp: T0 },
      spec: { image: 'busybox:1', ports: [{ target: 80, published: 8080, protocol: 'tcp' }] },
    });
    await f.task({ id: 'new', serviceId: 'web', spec: { image: 'busybox:1', ports: [{ target: 80, published: 8080, protocol: 'tcp' }] } });
    await f.task({ id: 'big', serviceId: 'db', spec: { image: 'busybox:1', resources: { reservations: { nanoCpus: 3e9 } } } });
    await scheduler.run();
    expect(f.store.task('new')!.status.message).toBe('no suitable node (1 node: 1 node already publishes port 8080/tcp)');
    expect(f.store.task('big')!.status.message).toBe('no suitable node (1 node: 1 node has 2 CPU free, 3 needed (0 of 2 reserved))');
    await f.patchTask('old', { status: { state: TaskState.SHUTDOWN, message: '', timestamp: T0 } });
    await scheduler.run();
    expect(f.store.task('new')!.status.state).toBe(TaskState.ASSIGNED);
  });
});
