import { Injectable } from '@nestjs/common';
import { DesiredState, isTerminal } from '@shoal/protocol';
import type { StoreAction } from '../../store/actions';
import type { TaskObject } from '../../store/objects';
import { Proposer } from '../../store/proposer';
import { Store } from '../../store/store';

/**
 * Deletes tasks that are finished with: tasks of removed services and of slots above
 * the replica count once they stopped, and, per slot, the oldest finished tasks beyond
 * the cluster's task history limit. Deleting a task makes its agent remove the container.
 */
@Injectable()
export class TaskReaper {
  constructor(
    private readonly store: Store,
    private readonly proposer: Proposer,
  ) {}

  plan(): StoreAction[] {
    const limit = this.store.cluster()?.settings.taskHistoryLimit ?? 5;
    const remove: TaskObject[] = [];
    const slots = new Map<string, TaskObject[]>();
    for (const t of this.store.tasks()) {
      const service = this.store.service(t.serviceId);
      const stopped = t.desiredState === DesiredState.SHUTDOWN && this.stopped(t);
      if (!service || t.slot > (service.spec.mode === 'REPLICATED_JOB' ? (service.spec.job?.totalCompletions ?? 0) : service.spec.replicas)) {
        if (stopped) remove.push(t);
        continue;
      }
      const key = `${t.serviceId}/${t.slot}/${t.targetNodeId ?? ''}`; // a global service's slot is its node
      const list = slots.get(key);
      if (list) list.push(t);
      else slots.set(key, [t]);
    }
    for (const tasks of slots.values()) {
      if (tasks.length <= limit) continue;
      const finished = tasks.filter((t) => t.desiredState === DesiredState.SHUTDOWN && this.stopped(t)).sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
      remove.push(...finished.slice(0, Math.min(finished.length, tasks.length - limit)));
    }
    return remove.map((t) => ({ op: 'remove', kind: 'task', id: t.id, ifExists: true }));
  }

  async run(): Promise<void> {
    const actions = this.plan();
    if (actions.length > 0) await this.proposer.propose(actions);
  }

  /** Nothing of the task runs any more, or nothing can tell us (never placed, node gone). */
  private stopped(t: TaskObject): boolean {
    return isTerminal(t.status.state) || t.nodeId === null || !this.store.node(t.nodeId);
  }
}
