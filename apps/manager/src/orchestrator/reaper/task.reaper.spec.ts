import { DesiredState, TaskState } from '@shoal/protocol';
import { StoreFixture } from '../../testing/store.fixture';
import { TaskReaper } from './task.reaper';

const stopped = { state: TaskState.SHUTDOWN, message: '', timestamp: 'x' };

describe('TaskReaper', () => {
  let f: StoreFixture;
  let reaper: TaskReaper;
  beforeEach(async () => {
    f = await StoreFixture.open();
    await f.cluster({ taskHistoryLimit: 3 });
    await f.node('n1');
    reaper = new TaskReaper(f.store, f.proposer);
  });
  afterEach(() => f.close());

  it('keeps at most the history limit of tasks per slot, deleting the oldest finished ones', async () => {
    await f.service('web', { replicas: 1 });
    for (let i = 0; i < 5; i++) {
      await f.task({
        id: `t${i}`,
        serviceId: 'web',
        nodeId: 'n1',
        createdAt: `2026-01-0${i + 1}T00:00:00.000Z`,
        desiredState: DesiredState.SHUTDOWN,
        status: stopped,
      });
    }
    await f.task({
      id: 'live',
      serviceId: 'web',
      nodeId: 'n1',
      createdAt: '2026-02-01T00:00:00.000Z',
      status: { state: TaskState.RUNNING, message: '', timestamp: 'x' },
    });
    await reaper.run();
    expect(
      f.store
        .tasks()
        .map((t) => t.id)
        .sort(),
    ).toEqual(['live', 't3', 't4']);
  });

  it('deletes tasks of a removed service only once they stopped', async () => {
    await f.task({
      id: 'stopping',
      serviceId: 'gone',
      nodeId: 'n1',
      desiredState: DesiredState.SHUTDOWN,
      status: { state: TaskState.RUNNING, message: '', timestamp: 'x' },
    });
    await f.task({ id: 'stopped', serviceId: 'gone', nodeId: 'n1', desiredState: DesiredState.SHUTDOWN, status: stopped });
    await f.task({ id: 'never-placed', serviceId: 'gone', desiredState: DesiredState.SHUTDOWN });
    await reaper.run();
    expect(f.store.tasks().map((t) => t.id)).toEqual(['stopping']);
  });

  it('deletes stopped tasks of slots above the replica count', async () => {
    await f.service('web', { replicas: 1 });
    await f.task({ id: 'slot2', serviceId: 'web', slot: 2, nodeId: 'n1', desiredState: DesiredState.SHUTDOWN, status: stopped });
    await reaper.run();
    expect(f.store.tasks()).toEqual([]);
  });
});
