import { Assignment, DesiredState, TaskState, TaskStatusReport } from '@shoal/protocol';
import { FakeExecutor } from '../testing/fake.executor';
import { Worker } from './worker';

const task = (taskId: string, over: Partial<Assignment> = {}): Assignment => ({
  taskId,
  serviceId: 's',
  serviceName: 'web',
  slot: 1,
  desiredState: DesiredState.RUNNING,
  state: TaskState.ASSIGNED,
  spec: { image: 'busybox:1' },
  ...over,
});
const quiet = { info: () => undefined, warn: () => undefined };

describe('Worker', () => {
  let engine: FakeExecutor;
  let reports: TaskStatusReport[];
  let worker: Worker;
  const states = (taskId: string) => reports.filter((r) => r.taskId === taskId).map((r) => r.state);

  beforeEach(() => {
    engine = new FakeExecutor();
    reports = [];
    worker = new Worker('n1', engine, (r) => reports.push(r), quiet);
    engine.watch('n1', (taskId) => worker.onEngineEvent(taskId));
  });

  it('pulls, creates and starts a new task, reporting each step in order', async () => {
    await worker.assign([task('t1')]);
    expect(states('t1')).toEqual([TaskState.ACCEPTED, TaskState.PREPARING, TaskState.STARTING, TaskState.RUNNING]);
    expect(engine.calls).toEqual(['prepare t1', 'create t1', 'start c1']);
    expect(reports.at(-1)!.containerId).toBe('c1');
  });

  it('adopts a running container after a restart instead of starting another', async () => {
    engine.containers.set('old', { nodeId: 'n1', taskId: 't1', containerId: 'old', state: 'running' });
    await worker.assign([task('t1', { state: TaskState.RUNNING })]);
    expect(engine.calls).toEqual([]);
    expect(states('t1')).toEqual([TaskState.RUNNING]);
  });

  it('reports an exit as FAILED with the exit code and does not restart it', async () => {
    await worker.assign([task('t1')]);
    engine.exit('c1', 137);
    await worker.idle();
    expect(reports.at(-1)).toMatchObject({ state: TaskState.FAILED, exitCode: 137, message: 'task: non-zero exit (137)' });
    await worker.resync();
    expect(engine.calls.filter((c) => c.startsWith('start'))).toHaveLength(1);
  });

  it('reports a clean exit as COMPLETE', async () => {
    await worker.assign([task('t1')]);
    engine.exit('c1', 0);
    await worker.idle();
    expect(reports.at(-1)).toMatchObject({ state: TaskState.COMPLETE, exitCode: 0 });
  });

  it('stops a task whose desired state becomes SHUTDOWN, then removes it once unassigned', async () => {
    await worker.assign([task('t1')]);
    await worker.assign([task('t1', { desiredState: DesiredState.SHUTDOWN, state: TaskState.RUNNING })]);
    expect(states('t1').at(-1)).toBe(TaskState.SHUTDOWN);
    expect(engine.calls).toContain('stop c1 10s');
    expect(engine.containers.size).toBe(1);
    await worker.assign([]);
    expect(engine.containers.size).toBe(0);
  });

  it("removes this node's containers that no task in the set names", async () => {
    engine.containers.set('stray', { nodeId: 'n1', taskId: 'unknown', containerId: 'stray', state: 'running' });
    engine.containers.set('other-node', { nodeId: 'n2', taskId: 'x', containerId: 'other-node', state: 'running' });
    await worker.assign([]);
    expect([...engine.containers.keys()]).toEqual(['other-node']);
  });

  it('removes nothing before the first assignment set arrives', async () => {
    engine.containers.set('c', { nodeId: 'n1', taskId: 't1', containerId: 'c', state: 'running' });
    await worker.resync();
    expect(engine.containers.size).toBe(1);
  });

  it('rejects a task whose image cannot be pulled', async () => {
    engine.failPull = true;
    await worker.assign([task('t1')]);
    expect(reports.at(-1)).toMatchObject({ state: TaskState.REJECTED, err: 'pull access denied for busybox:1' });
    expect(engine.containers.size).toBe(0);
  });

  it('reports FAILED when a running task lost its container outside Shoal', async () => {
    await worker.assign([task('t1', { state: TaskState.RUNNING })]);
    expect(states('t1')).toEqual([TaskState.FAILED]);
    expect(engine.calls).toEqual([]);
  });

  it('starts a container left created by a crash between create and start', async () => {
    engine.containers.set('half', { nodeId: 'n1', taskId: 't1', containerId: 'half', state: 'created' });
    await worker.assign([task('t1', { state: TaskState.STARTING })]);
    expect(engine.calls).toEqual(['start half']);
    expect(states('t1')).toEqual([TaskState.RUNNING]);
  });
});

describe('Worker with health checks', () => {
  let engine: FakeExecutor;
  let reports: TaskStatusReport[];
  let worker: Worker;
  const checked = (taskId: string, over: Partial<Assignment> = {}) =>
    task(taskId, { spec: { image: 'busybox:1', healthCheck: { shell: 'test -f /ready', intervalMs: 1000 } }, ...over });

  beforeEach(() => {
    engine = new FakeExecutor();
    reports = [];
    worker = new Worker('n1', engine, (r) => reports.push(r), quiet);
    engine.watch('n1', (taskId) => worker.onEngineEvent(taskId));
  });

  it('keeps a task STARTING until the engine says healthy, then reports RUNNING and healthy', async () => {
    await worker.assign([checked('t1')]);
    expect(reports.at(-1)).toMatchObject({ state: TaskState.STARTING, health: 'starting', message: 'waiting for the health check' });
    const count = reports.length;
    await worker.resync();
    expect(reports).toHaveLength(count); // nothing new to say
    engine.health('c1', 'healthy');
    await worker.idle();
    expect(reports.at(-1)).toMatchObject({ state: TaskState.RUNNING, health: 'healthy', containerId: 'c1' });
  });

  it('fails an unhealthy task with the probe output and stops its container with the grace period', async () => {
    await worker.assign([checked('t1', { spec: { image: 'busybox:1', healthCheck: { shell: 'false' }, stopGracePeriodMs: 2500 } })]);
    engine.health('c1', 'healthy');
    await worker.idle();
    engine.health('c1', 'unhealthy', 'no /ready file');
    await worker.idle();
    expect(reports.at(-1)).toMatchObject({ state: TaskState.FAILED, health: 'unhealthy', message: 'health check failed: no /ready file' });
    expect(engine.calls).toContain('stop c1 3s');
    await worker.resync();
    expect(reports.filter((r) => r.state === TaskState.FAILED)).toHaveLength(1);
    expect(engine.calls.filter((c) => c.startsWith('start'))).toHaveLength(1);
  });

  it('fails a task that never became healthy', async () => {
    await worker.assign([checked('t1')]);
    engine.health('c1', 'unhealthy', '');
    await worker.idle();
    expect(reports.map((r) => [r.state, r.health])).toEqual([
      [TaskState.ACCEPTED, undefined],
      [TaskState.PREPARING, undefined],
      [TaskState.STARTING, undefined],
      [TaskState.STARTING, 'starting'],
      [TaskState.FAILED, 'unhealthy'],
    ]);
  });

  it('stops with the spec stop grace period when shut down', async () => {
    await worker.assign([task('t1', { spec: { image: 'busybox:1', stopGracePeriodMs: 30_000 } })]);
    await worker.assign([
      task('t1', { spec: { image: 'busybox:1', stopGracePeriodMs: 30_000 }, desiredState: DesiredState.SHUTDOWN, state: TaskState.RUNNING }),
    ]);
    expect(engine.calls).toContain('stop c1 30s');
  });
});
