import { TaskState } from '@shoal/protocol';
import { StoreFixture } from '../testing/store.fixture';
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
});
