import { Injectable } from '@nestjs/common';
import { DesiredState, TaskState, isTerminal } from '@shoal/protocol';
import { newId } from '../../common/ids';
import { canonicalJson, containerSpecOf } from '../../services/container-spec';
import type { StoreAction } from '../../store/actions';
import type { ServiceObject, TaskObject } from '../../store/objects';
import { Proposer } from '../../store/proposer';
import { Store } from '../../store/store';

/**
 * Keeps every replicated service's slots 1..replicas filled with exactly one task that
 * runs the current spec. A task that ended, sits on a down node, or runs an old spec is
 * shut down and replaced; slots above `replicas` are shut down. Tasks of removed
 * services are shut down. Only desired state is written here.
 */
@Injectable()
export class ReplicatedOrchestrator {
  constructor(
    private readonly store: Store,
    private readonly proposer: Proposer,
  ) {}

  /** Replaced in tests. */
  clock: () => Date = () => new Date();

  /** The actions that would reconcile the store now (exposed for tests). */
  plan(): StoreAction[] {
    const now = this.clock().toISOString();
    const actions: StoreAction[] = [];
    const shutdown = (t: TaskObject): void => {
      actions.push({ op: 'patch', kind: 'task', id: t.id, ifExists: true, fields: { desiredState: DesiredState.SHUTDOWN } });
    };
    for (const service of this.store.services()) this.reconcile(service, now, actions, shutdown);
    for (const t of this.store.tasks({ desiredState: DesiredState.RUNNING })) {
      if (!this.store.service(t.serviceId)) shutdown(t);
    }
    return actions;
  }

  async run(): Promise<void> {
    const actions = this.plan();
    if (actions.length > 0) await this.proposer.propose(actions);
  }

  private reconcile(service: ServiceObject, now: string, actions: StoreAction[], shutdown: (t: TaskObject) => void): void {
    const spec = containerSpecOf(service.spec);
    const specKey = canonicalJson(spec);
    const bySlot = new Map<number, TaskObject[]>();
    for (const t of this.store.tasks({ serviceId: service.id, desiredState: DesiredState.RUNNING })) {
      const list = bySlot.get(t.slot);
      if (list) list.push(t);
      else bySlot.set(t.slot, [t]);
    }
    for (let slot = 1; slot <= service.spec.replicas; slot++) {
      const candidates = (bySlot.get(slot) ?? []).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
      let keep: TaskObject | undefined;
      for (const t of candidates) {
        if (!keep && this.healthy(t) && canonicalJson(t.spec) === specKey) keep = t;
        else shutdown(t);
      }
      if (!keep) {
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
          },
        });
      }
    }
    for (const [slot, tasks] of bySlot) if (slot > service.spec.replicas) tasks.forEach(shutdown);
  }

  /** A task that may still be running its slot: not ended, and not on a down or missing node. */
  private healthy(t: TaskObject): boolean {
    if (isTerminal(t.status.state)) return false;
    if (!t.nodeId) return true;
    const node = this.store.node(t.nodeId);
    return node !== undefined && node.status.state !== 'DOWN';
  }
}
