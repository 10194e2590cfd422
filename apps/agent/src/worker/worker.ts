import { Assignment, DesiredState, TaskState, TaskStatusReport, isForward, isTerminal, stateRank } from '@shoal/protocol';
import { engineMessage } from '../docker/docker.executor';
import type { ContainerInfo, Executor } from '../executor/executor';
import { Limiter } from './limiter';

export interface WorkerLog {
  info(message: string): void;
  warn(message: string): void;
}

/** How long a stop waits for the container after its stop signal when the spec does not say. */
const STOP_GRACE_PERIOD_MS = 10_000;

/**
 * Converges the engine to the node's assignment set, one task at a time per task and
 * several tasks in parallel. Level-triggered: every pass compares what the manager
 * wants with what the engine has, so a lost event or message costs time only.
 * It never restarts a task that ended: the manager replaces it with a new task.
 */
export class Worker {
  private assignments = new Map<string, Assignment>();
  /** The latest state this agent observed per task (reported or to be). */
  private readonly observed = new Map<string, TaskStatusReport>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly queued = new Set<string>();
  /** Bounds concurrent pulls, creates and starts; stops and removals are not bounded (they mostly wait). */
  private readonly limiter = new Limiter(16);
  private haveSet = false;

  constructor(
    private readonly nodeId: string,
    private readonly executor: Executor,
    private readonly emit: (report: TaskStatusReport) => void,
    private readonly log: WorkerLog,
  ) {}

  /** Replaces the assignment set and converges every task it names or that has a container. */
  async assign(tasks: readonly Assignment[]): Promise<void> {
    this.assignments = new Map(tasks.map((t) => [t.taskId, t]));
    this.haveSet = true;
    await this.resync();
  }

  /** Converges all assigned tasks and every container of this node (also periodically). */
  async resync(): Promise<void> {
    if (!this.haveSet) return; // never remove containers before the manager said what to keep
    const ids = new Set(this.assignments.keys());
    for (const c of await this.executor.list(this.nodeId)) ids.add(c.taskId);
    for (const id of this.observed.keys()) ids.add(id);
    await Promise.all([...ids].map((id) => this.schedule(id)));
  }

  /** An engine event for one of this node's containers. */
  onEngineEvent(taskId: string): void {
    if (this.haveSet) void this.schedule(taskId);
  }

  /** Every observed state, for re-sending after a reconnect. */
  reports(): TaskStatusReport[] {
    return [...this.observed.values()];
  }

  /** Waits until every queued convergence has run (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  private schedule(taskId: string): Promise<void> {
    if (this.queued.has(taskId)) return this.chains.get(taskId) ?? Promise.resolve();
    this.queued.add(taskId);
    const prev = this.chains.get(taskId) ?? Promise.resolve();
    const next = prev.then(() => {
      this.queued.delete(taskId);
      return this.converge(taskId);
    });
    const guarded = next.catch((err: unknown) => this.log.warn(`task ${taskId}: ${engineMessage(err)}`));
    this.chains.set(taskId, guarded);
    void guarded.finally(() => {
      if (this.chains.get(taskId) === guarded) this.chains.delete(taskId);
    });
    return guarded;
  }

  private async converge(taskId: string): Promise<void> {
    const a = this.assignments.get(taskId);
    const c = await this.executor.inspect(this.nodeId, taskId);
    if (!a) {
      if (c) {
        await this.executor.remove(c.containerId);
        this.log.info(`removed container ${c.containerId.slice(0, 12)} of task ${taskId}: no longer assigned`);
      }
      this.observed.delete(taskId);
      return;
    }
    if (a.desiredState === DesiredState.SHUTDOWN) return this.shutdown(a, c);
    return this.run(a, c);
  }

  private async run(a: Assignment, c: ContainerInfo | null): Promise<void> {
    if (c) {
      if (c.state === 'running' || c.state === 'restarting' || c.state === 'paused') return this.observeRunning(a, c);
      if (c.state === 'exited' || c.state === 'dead') return this.reportExit(a, c);
      if (c.state === 'created') {
        if (isTerminal(this.known(a))) return;
        return this.startContainer(a, c.containerId);
      }
      return; // removing: the destroy event brings us back
    }
    const known = this.known(a);
    if (isTerminal(known)) return;
    if (stateRank(known) >= stateRank(TaskState.STARTING)) {
      // It had a container and now has none: removed behind our back. Report; the manager replaces it.
      return this.report(a, TaskState.FAILED, 'container removed outside Shoal', { err: 'container not found' });
    }
    this.report(a, TaskState.ACCEPTED, 'accepted');
    return this.limiter.run(() => this.create(a));
  }

  private async create(a: Assignment): Promise<void> {
    this.report(a, TaskState.PREPARING, 'preparing');
    try {
      await this.executor.prepare(a);
    } catch (err) {
      return this.report(a, TaskState.REJECTED, `pulling image ${a.spec.image} failed`, { err: engineMessage(err) });
    }
    let containerId: string;
    try {
      containerId = await this.executor.create(this.nodeId, a);
    } catch (err) {
      return this.report(a, TaskState.REJECTED, 'creating the container failed', { err: engineMessage(err) });
    }
    this.report(a, TaskState.STARTING, 'starting', { containerId });
    await this.startContainer(a, containerId);
  }

  private async startContainer(a: Assignment, containerId: string): Promise<void> {
    try {
      await this.executor.start(containerId);
    } catch (err) {
      return this.report(a, TaskState.FAILED, 'starting the container failed', { err: engineMessage(err), containerId });
    }
    const c = await this.executor.inspect(this.nodeId, a.taskId);
    if (c && (c.state === 'exited' || c.state === 'dead')) return this.reportExit(a, c);
    if (c) return this.observeRunning(a, c);
    this.report(a, TaskState.RUNNING, 'started', { containerId });
  }

  /**
   * A running container is RUNNING once its health check (if any) passed; while the
   * engine says "starting" the task stays STARTING with that health (a health_status
   * event brings us back). An unhealthy one FAILED: it is stopped and the manager replaces the task.
   */
  private async observeRunning(a: Assignment, c: ContainerInfo): Promise<void> {
    const containerId = c.containerId;
    if (c.health === 'starting') return this.report(a, TaskState.STARTING, 'waiting for the health check', { containerId, health: 'starting' });
    if (c.health === 'unhealthy') {
      const output = c.healthOutput ?? 'unhealthy';
      this.report(a, TaskState.FAILED, `health check failed: ${truncate(output)}`, { containerId, health: 'unhealthy', err: truncate(output) });
      await this.executor.stop(containerId, this.stopTimeoutSeconds(a));
      return;
    }
    this.report(a, TaskState.RUNNING, 'started', c.health ? { containerId, health: c.health } : { containerId });
  }

  /** The spec's stop grace period in the whole seconds the engine counts, rounded up. */
  private stopTimeoutSeconds(a: Assignment): number {
    return Math.ceil((a.spec.stopGracePeriodMs ?? STOP_GRACE_PERIOD_MS) / 1000);
  }

  private async shutdown(a: Assignment, c: ContainerInfo | null): Promise<void> {
    if (c && (c.state === 'running' || c.state === 'restarting' || c.state === 'paused')) {
      await this.executor.stop(c.containerId, this.stopTimeoutSeconds(a));
    }
    if (!isTerminal(this.known(a))) this.report(a, TaskState.SHUTDOWN, 'shut down', c ? { containerId: c.containerId } : {});
  }

  private reportExit(a: Assignment, c: ContainerInfo): void {
    const code = c.exitCode ?? -1;
    if (code === 0) this.report(a, TaskState.COMPLETE, 'finished', { containerId: c.containerId, exitCode: 0 });
    else this.report(a, TaskState.FAILED, `task: non-zero exit (${code})`, { containerId: c.containerId, exitCode: code, err: c.error || `exit code ${code}` });
  }

  /** The furthest state known for a task: the manager's record or what we observed since. */
  private known(a: Assignment): TaskState {
    const mine = this.observed.get(a.taskId)?.state;
    return mine && isForward(a.state, mine) ? mine : a.state;
  }

  private report(a: Assignment, state: TaskState, message: string, extra: Partial<TaskStatusReport> = {}): void {
    const known = this.known(a);
    if (known !== state && !isForward(known, state)) return;
    const last = this.observed.get(a.taskId);
    // Within a state only a new health verdict is news, and an ended task has nothing more to say.
    if (known === state && last?.state === state && (isTerminal(state) || last.health === extra.health)) return;
    const report: TaskStatusReport = { taskId: a.taskId, state, message, timestamp: new Date().toISOString(), ...extra };
    this.observed.set(a.taskId, report);
    this.emit(report);
  }
}

function truncate(s: string, max = 512): string {
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}
