import { Injectable } from '@nestjs/common';
import { DesiredState, TaskState } from '@shoal/protocol';
import { type PlacedTask, type ScheduleResult, schedule } from '@shoal/scheduler';
import type { TaskObject } from '../store/objects';
import type { StoreAction } from '../store/actions';
import { Proposer } from '../store/proposer';
import { Store } from '../store/store';
import { candidateOf, placedTasks, unplacedOf } from './candidates';

/**
 * Places PENDING tasks on nodes with libs/scheduler and proposes the whole batch as one
 * entry. A task no node can take stays PENDING with the scheduler's explanation as its
 * status message. A global service's task, pinned to its node (targetNodeId), goes
 * there or nowhere. Each patch carries the task's version: a task changed meanwhile
 * (shut down, say) makes the batch fail with CONFLICT and the loop runs again.
 */
@Injectable()
export class SchedulerLoop {
  constructor(
    private readonly store: Store,
    private readonly proposer: Proposer,
  ) {}

  clock: () => Date = () => new Date();

  plan(): StoreAction[] {
    const all = this.store.tasks();
    const waiting = all.filter(
      (t) => t.nodeId === null && t.desiredState === DesiredState.RUNNING && (t.status.state === TaskState.NEW || t.status.state === TaskState.PENDING),
    );
    if (waiting.length === 0) return [];
    waiting.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.slot - b.slot));
    const nodes = this.store.nodes().map(candidateOf);
    const placed = placedTasks(all);
    const result: ScheduleResult = { assignments: [], unplaced: [] };
    // A global service's task, pinned to its node, is checked against that node alone
    // (resources, ports), first: the explanation then speaks of that node only.
    const pinned = new Map<string, TaskObject[]>();
    for (const t of waiting) {
      if (!t.targetNodeId) continue;
      const list = pinned.get(t.targetNodeId);
      if (list) list.push(t);
      else pinned.set(t.targetNodeId, [t]);
    }
    for (const [nodeId, list] of pinned) {
      const node = nodes.filter((n) => n.id === nodeId);
      const tasks = list.map((t) => unplacedOf(t.id, t.serviceId, t.spec, t.placement, t.platforms));
      add(result, schedule({ nodes: node, tasks, placed }), list, placed);
    }
    const free = waiting.filter((t) => !t.targetNodeId);
    const tasks = free.map((t) => unplacedOf(t.id, t.serviceId, t.spec, t.placement, t.platforms));
    add(result, schedule({ nodes, tasks, placed }), free, placed);

    const now = this.clock().toISOString();
    const byId = new Map(waiting.map((t) => [t.id, t]));
    const actions: StoreAction[] = [];
    for (const a of result.assignments) {
      const t = byId.get(a.taskId)!;
      const hostname = this.store.node(a.nodeId)?.description.hostname ?? a.nodeId;
      actions.push({
        op: 'patch',
        kind: 'task',
        id: t.id,
        expectedVersion: t.version,
        fields: { nodeId: a.nodeId, status: { state: TaskState.ASSIGNED, message: `assigned to node ${hostname}`, timestamp: now } },
      });
    }
    for (const u of result.unplaced) {
      const t = byId.get(u.taskId)!;
      if (t.status.message === u.reason) continue;
      actions.push({
        op: 'patch',
        kind: 'task',
        id: t.id,
        expectedVersion: t.version,
        fields: { status: { state: TaskState.PENDING, message: u.reason, timestamp: now } },
      });
    }
    return actions;
  }

  async run(): Promise<void> {
    const actions = this.plan();
    if (actions.length > 0) await this.proposer.propose(actions);
  }
}

/** Adds one schedule's result to the pass's, and its assignments to what is placed for the next. */
function add(into: ScheduleResult, r: ScheduleResult, tasks: readonly TaskObject[], placed: PlacedTask[]): void {
  into.assignments.push(...r.assignments);
  into.unplaced.push(...r.unplaced);
  const byId = new Map(tasks.map((t) => [t.id, t]));
  for (const a of r.assignments) {
    const t = byId.get(a.taskId)!;
    placed.push(...placedTasks([{ ...t, nodeId: a.nodeId }]));
  }
}
