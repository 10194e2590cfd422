import { DesiredState, TaskState, isTerminal, isWanted } from '@shoal/protocol';
import { ReplicatedOrchestrator } from '../orchestrator/replicated/replicated.orchestrator';
import { ServicesService } from '../services/services.service';
import type { ServiceObject, ServiceSpec, TaskObject } from '../store/objects';
import type { UpdateConfig } from '../store/update';
import { StoreFixture } from './store.fixture';

/**
 * A service "web" updated by the real orchestrator on a real store with one node, a fake
 * clock shared by every writer, and a fake agent: what the rolling update and rollout
 * specs share.
 */
export class UpdateFixture {
  /** The fake clock, in ms; tests move it forward. */
  now = Date.parse('2026-06-01T00:00:00.000Z');

  private constructor(
    readonly f: StoreFixture,
    readonly orchestrator: ReplicatedOrchestrator,
    readonly services: ServicesService,
  ) {
    const clock = (): Date => new Date(this.now);
    orchestrator.clock = f.proposer.clock = services.clock = clock;
  }

  static async open(): Promise<UpdateFixture> {
    const f = await StoreFixture.open();
    await f.cluster();
    await f.node('n1');
    return new UpdateFixture(f, new ReplicatedOrchestrator(f.store, f.proposer), new ServicesService(f.store, f.proposer));
  }

  close(): Promise<void> {
    return this.f.close();
  }

  service(): ServiceObject {
    return this.f.store.service('web')!;
  }

  /** The tasks the managers want in their slots (running, or ready once their predecessor stopped), by slot. */
  desired(): TaskObject[] {
    return this.f.store
      .tasks({ serviceId: 'web' })
      .filter((t) => isWanted(t.desiredState))
      .sort((a, b) => a.slot - b.slot);
  }

  /**
   * The agent's part: tasks asked to shut down stop (and the orchestrator sees it, as it
   * would on the store change), then every pending task that may run is placed and runs,
   * or fails for the args given — `failedAfterStart` when it fails once running (a health check).
   */
  async agent(fail: string[] = [], failedAfterStart = false): Promise<void> {
    const at = (): string => new Date(this.now).toISOString();
    let stopped = 0;
    for (const t of this.f.store.tasks({ serviceId: 'web' })) {
      if (isWanted(t.desiredState) || !t.nodeId || isTerminal(t.status.state)) continue;
      await this.f.patchTask(t.id, { status: { ...t.status, state: TaskState.SHUTDOWN, message: 'shut down', timestamp: at() } });
      stopped++;
    }
    if (stopped > 0) await this.orchestrator.run();
    for (const t of this.f.store.tasks({ serviceId: 'web', desiredState: DesiredState.RUNNING })) {
      if (t.status.state !== TaskState.PENDING) continue;
      const failed = fail.includes(t.spec.args?.[0] ?? '');
      await this.f.patchTask(t.id, {
        nodeId: 'n1',
        status: !failed
          ? { state: TaskState.RUNNING, message: 'started', timestamp: at(), startedAt: at() }
          : failedAfterStart
            ? { state: TaskState.FAILED, message: 'unhealthy', timestamp: at(), startedAt: at() }
            : { state: TaskState.FAILED, message: 'non-zero exit (1)', timestamp: at() },
      });
    }
  }

  /** A service of `replicas` running tasks of args ["v1"]. */
  async running(replicas: number, updateConfig?: UpdateConfig, more: Partial<ServiceSpec> = {}): Promise<void> {
    await this.f.service('web', { replicas, args: ['v1'], updateConfig, ...more });
    await this.orchestrator.run();
    await this.agent();
  }

  update(patch: Partial<ServiceSpec>): Promise<ServiceObject> {
    return this.services.update('web', this.service().version, patch);
  }

  /** One orchestrator pass, then the agent's part. */
  async step(fail: string[] = []): Promise<void> {
    await this.orchestrator.run();
    await this.agent(fail);
  }
}
