import { Injectable } from '@nestjs/common';
import { DesiredState, TaskState, isTerminal } from '@shoal/protocol';
import { newId } from '../../common/ids';
import { containerSpecOf, taskKey } from '../../services/container-spec';
import type { StoreAction } from '../../store/actions';
import type { ServiceObject, TaskObject } from '../../store/objects';
import { Proposer } from '../../store/proposer';
import { Store } from '../../store/store';
import { restartDecision } from '../restart/restart-policy';

/**
 * Keeps every replicated service's slots 1..replicas filled with exactly one task that
 * runs the current spec. A task that ended, sits on a down or drained node, or runs an old spec is
 * shut down and replaced — a task that ended on its own only as the service's restart
 * policy says (../restart). Slots above `replicas` are shut down. Tasks of removed
 * services are shut down. Only desired state is written here.
 */
interface Pass {
  now: string;
  nowMs: number;
  restartDelayMs: number;
  actions: StoreAction[];
  shutdown: (t: TaskObject) => void;
  later: (at: number) => void;
}

@Injectable()
export class ReplicatedOrchestrator {
  constructor(
    private readonly store: Store,
    private readonly proposer: Proposer,
  ) {}

  /** Replaced in tests. */
  clock: () => Date = () => new Date();

  /**
   * The actions that would reconcile the store now (exposed for tests), and when to
   * look again for slots whose replacement waits out its restart delay.
   */
  plan(): { actions: StoreAction[]; wakeAt?: number } {
    const clock = this.clock();
    const now = clock.toISOString();
    let wakeAt: number | undefined;
    const later = (at: number): void => {
      wakeAt = wakeAt === undefined ? at : Math.min(wakeAt, at);
    };
    const actions: StoreAction[] = [];
    const shutdown = (t: TaskObject): void => {
      actions.push({ op: 'patch', kind: 'task', id: t.id, ifExists: true, fields: { desiredState: DesiredState.SHUTDOWN } });
    };
    const restartDelayMs = this.store.cluster()?.settings.restartDelayMs ?? 1000;
    for (const service of this.store.services()) {
      this.reconcile(service, { now, nowMs: clock.getTime(), restartDelayMs, actions, shutdown, later });
    }
    for (const t of this.store.tasks({ desiredState: DesiredState.RUNNING })) {
      if (!this.store.service(t.serviceId)) shutdown(t);
    }
    return { actions, wakeAt };
  }

  /** Returns how long until the next delayed replacement is due, if any. */
  async run(): Promise<number | undefined> {
    const { actions, wakeAt } = this.plan();
    if (actions.length > 0) await this.proposer.propose(actions);
    return wakeAt === undefined ? undefined : Math.max(0, wakeAt - this.clock().getTime());
  }

  private reconcile(service: ServiceObject, pass: Pass): void {
    const { now, actions, shutdown } = pass;
    const spec = containerSpecOf(service.spec);
    const key = taskKey(spec, service.spec.placement);
    const keyOf = (t: TaskObject): string => taskKey(t.spec, t.placement);
    // Every task of the service by slot, newest first: the slot's history. Read once per run.
    const bySlot = new Map<number, TaskObject[]>();
    for (const t of this.store.tasks({ serviceId: service.id })) {
      const list = bySlot.get(t.slot);
      if (list) list.push(t);
      else bySlot.set(t.slot, [t]);
    }
    for (const list of bySlot.values()) list.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    for (let slot = 1; slot <= service.spec.replicas; slot++) {
      const history = bySlot.get(slot) ?? [];
      const candidates = history.filter((t) => t.desiredState === DesiredState.RUNNING);
      let keep: TaskObject | undefined;
      for (const t of candidates) {
        if (!keep && this.healthy(t) && keyOf(t) === key) keep = t;
        else shutdown(t);
      }
      if (!keep) {
        const decision = restartDecision(service.spec.restartPolicy, history, key, keyOf, pass.restartDelayMs);
        if (!decision.replace) continue; // the restart policy leaves the slot empty (Service.stoppedSlots says why)
        if (decision.dueMs > pass.nowMs) {
          pass.later(decision.dueMs);
          continue;
        }
        actions.push({
          op: 'create',
          kind: 'task',
          object: {
            id: newId(),
            createdAt: now,
            serviceId: service.id,
            serviceName: service.spec.name,
            slot,
            nodeId: null,
            desiredState: DesiredState.RUNNING,
            status: { state: TaskState.PENDING, message: 'waiting for the scheduler', timestamp: now },
            spec,
            ...(decision.restarts ? { restarts: decision.restarts } : {}),
            ...(service.spec.placement ? { placement: service.spec.placement } : {}),
          },
        });
      }
    }
    for (const [slot, tasks] of bySlot) {
      if (slot > service.spec.replicas) tasks.filter((t) => t.desiredState === DesiredState.RUNNING).forEach(shutdown);
    }
  }

  /** A task that may still be running its slot: not ended, and not on a down, drained or missing node. */
  private healthy(t: TaskObject): boolean {
    if (isTerminal(t.status.state)) return false;
    if (!t.nodeId) return true;
    const node = this.store.node(t.nodeId);
    return node !== undefined && node.status.state !== 'DOWN' && node.availability !== 'DRAIN';
  }
}
