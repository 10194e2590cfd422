import type { Assignment } from '@shoal/protocol';
import type { TaskObject } from '../store/objects';

/** A node's assignment set: every task the store places on it, history included. */
export function assignmentsOf(tasks: readonly TaskObject[]): Assignment[] {
  return tasks
    .map((t) => ({
      taskId: t.id,
      serviceId: t.serviceId,
      serviceName: t.serviceName,
      slot: t.slot,
      desiredState: t.desiredState,
      state: t.status.state,
      spec: t.spec,
    }))
    .sort((a, b) => (a.taskId < b.taskId ? -1 : 1));
}

/** True when a task change matters to its agent (not a status the agent itself reported). */
export function changesAssignment(prev: TaskObject | undefined, next: TaskObject | undefined): boolean {
  if (!prev || !next) return true;
  return prev.nodeId !== next.nodeId || prev.desiredState !== next.desiredState || prev.spec !== next.spec;
}
