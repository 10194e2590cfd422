import { DesiredState, TaskState } from '@shoal/protocol';
import { ShoalError } from '../../common/errors';
import { SchedulerLoop } from '../../scheduler/scheduler.loop';
import { validateServiceSpec } from '../../services/service-spec.validation';
import { ServicesService } from '../../services/services.service';
import type { ServiceSpec } from '../../store/objects';
import { StoreFixture } from '../../testing/store.fixture';
import { TaskReaper } from '../reaper/task.reaper';
import { ReplicatedOrchestrator } from '../replicated/replicated.orchestrator';
import { jobProgress } from './job-progress';

describe('jobs', () => {
  let f: StoreFixture;
  let orchestrator: ReplicatedOrchestrator;
  let scheduler: SchedulerLoop;
  const live = () => f.store.tasks({ serviceId: 'batch' }).filter((t) => t.desiredState === DesiredState.RUNNING && !isEnded(t.status.state));
  const isEnded = (s: TaskState) => s === TaskState.COMPLETE || s === TaskState.FAILED;
  const settle = async (): Promise<void> => {
    await orchestrator.run();
    await scheduler.run();
  };
  const end = async (state: TaskState.COMPLETE | TaskState.FAILED, n = Infinity): Promise<void> => {
    for (const t of live().slice(0, n))
      await f.patchTask(t.id, { status: { state, message: state === TaskState.COMPLETE ? 'finished' : 'exit 1', timestamp: 'x' } });
  };
  const progress = () => jobProgress(f.store.service('batch')!, f.store.tasks({ serviceId: 'batch' }), f.store.nodes());

  beforeEach(async () => {
    f = await StoreFixture.open();
    await f.cluster();
    for (const id of ['n1', 'n2']) await f.node(id);
    orchestrator = new ReplicatedOrchestrator(f.store, f.proposer);
    scheduler = new SchedulerLoop(f.store, f.proposer);
  });
  afterEach(() => f.close());

  it('runs a replicated job maxConcurrent at a time until totalCompletions tasks exited 0, replacing failures only', async () => {
    await f.service('batch', { mode: 'REPLICATED_JOB', replicas: 0, job: { maxConcurrent: 2, totalCompletions: 5 } });
    await settle();
    expect(live()).toHaveLength(2);
    expect(progress()).toEqual({ completed: 0, total: 5 });
    await end(TaskState.COMPLETE, 1);
    await end(TaskState.FAILED, 1);
    await settle();
    expect(live()).toHaveLength(2);
    expect(progress()).toEqual({ completed: 1, total: 5 });
    await end(TaskState.COMPLETE);
    await settle();
    await end(TaskState.COMPLETE);
    await settle();
    expect(progress()).toEqual({ completed: 5, total: 5 });
    await settle();
    expect(live()).toEqual([]);
    expect(orchestrator.plan().actions).toEqual([]);
  });

  it('runs every slot of a job again when updateService changes what its tasks run, shutting down the old spec at once, without a rolling update', async () => {
    const services = new ServicesService(f.store, f.proposer);
    await f.service('batch', { mode: 'REPLICATED_JOB', replicas: 0, args: ['v1'], job: { maxConcurrent: 2, totalCompletions: 3 } });
    await settle();
    await end(TaskState.COMPLETE, 1);
    await settle();
    await end(TaskState.COMPLETE, 1);
    await settle();
    expect(progress()).toEqual({ completed: 2, total: 3 });
    const [stillRunning] = live();
    expect(stillRunning.spec.args).toEqual(['v1']);

    await services.update('batch', f.store.service('batch')!.version, { args: ['v2'] });
    expect(f.store.service('batch')!.updateStatus).toBeUndefined();
    expect(progress()).toEqual({ completed: 0, total: 3 });
    await settle();
    expect(f.store.task(stillRunning.id)!.desiredState).toBe(DesiredState.SHUTDOWN);
    expect(live().map((t) => t.spec.args)).toEqual([['v2'], ['v2']]);
    await end(TaskState.COMPLETE);
    await settle();
    await end(TaskState.COMPLETE);
    await settle();
    expect(progress()).toEqual({ completed: 3, total: 3 });
    expect(live()).toEqual([]);

    // A bigger job with the same spec runs only the new slots; the done ones stay done.
    await services.update('batch', f.store.service('batch')!.version, { job: { maxConcurrent: 2, totalCompletions: 4 } });
    await settle();
    expect(live().map((t) => t.slot)).toEqual([4]);
    expect(progress()).toEqual({ completed: 3, total: 4 });
  });

  it('keeps completed tasks through the reaper, so the count holds', async () => {
    await f.settings({ taskHistoryLimit: 1 });
    await f.service('batch', { mode: 'REPLICATED_JOB', replicas: 0, job: { maxConcurrent: 2, totalCompletions: 2 } });
    await settle();
    await end(TaskState.COMPLETE);
    await settle();
    await new TaskReaper(f.store, f.proposer).run();
    await settle();
    expect(progress()).toEqual({ completed: 2, total: 2 });
    expect(live()).toEqual([]);
  });

  it('runs a global job once on every node, and once on a node that joins', async () => {
    await f.service('batch', { mode: 'GLOBAL_JOB', replicas: 0 });
    await settle();
    expect(
      live()
        .map((t) => t.nodeId)
        .sort(),
    ).toEqual(['n1', 'n2']);
    await end(TaskState.COMPLETE);
    await settle();
    expect(live()).toEqual([]);
    expect(progress()).toEqual({ completed: 2, total: 2 });
    await f.node('n3');
    await settle();
    expect(live().map((t) => t.nodeId)).toEqual(['n3']);
    expect(progress()).toEqual({ completed: 2, total: 3 });
  });

  it('refuses replicas with a job, job settings outside REPLICATED_JOB and a job without a size', () => {
    const field = (spec: ServiceSpec): string | undefined => {
      try {
        validateServiceSpec(spec);
      } catch (e) {
        expect((e as ShoalError).code).toBe('BAD_USER_INPUT');
        return (e as ShoalError).field;
      }
      return undefined;
    };
    expect(field({ name: 'b', image: 'busybox:1', mode: 'GLOBAL_JOB', replicas: 1 })).toBe('input.replicas');
    expect(field({ name: 'b', image: 'busybox:1', replicas: 1, job: { maxConcurrent: 1, totalCompletions: 1 } })).toBe('input.job');
    expect(field({ name: 'b', image: 'busybox:1', mode: 'REPLICATED_JOB', replicas: 0, job: { maxConcurrent: 0, totalCompletions: 1 } })).toBe(
      'input.job.maxConcurrent',
    );
    expect(field({ name: 'b', image: 'busybox:1', mode: 'REPLICATED_JOB', replicas: 0, job: { maxConcurrent: 2, totalCompletions: 4 } })).toBeUndefined();
  });
});
