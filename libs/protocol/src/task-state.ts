/**
 * The task lifecycle (docs/nomenclature.md). Managers set a task's desired state;
 * agents report its observed state. States only move forward.
 */
export enum TaskState {
  NEW = 'NEW',
  PENDING = 'PENDING',
  ASSIGNED = 'ASSIGNED',
  ACCEPTED = 'ACCEPTED',
  PREPARING = 'PREPARING',
  STARTING = 'STARTING',
  RUNNING = 'RUNNING',
  COMPLETE = 'COMPLETE',
  SHUTDOWN = 'SHUTDOWN',
  FAILED = 'FAILED',
  REJECTED = 'REJECTED',
  ORPHANED = 'ORPHANED',
}

/**
 * What a manager wants of a task. READY: a stop-first update's new task, held back (not
 * scheduled) until the task it replaces has stopped, then moved to RUNNING.
 */
export enum DesiredState {
  READY = 'READY',
  RUNNING = 'RUNNING',
  SHUTDOWN = 'SHUTDOWN',
}

/** A task the managers still want in its slot: running, or ready to run once its predecessor stopped. */
export function isWanted(desired: DesiredState): boolean {
  return desired !== DesiredState.SHUTDOWN;
}

const ORDER: Record<TaskState, number> = {
  [TaskState.NEW]: 0,
  [TaskState.PENDING]: 1,
  [TaskState.ASSIGNED]: 2,
  [TaskState.ACCEPTED]: 3,
  [TaskState.PREPARING]: 4,
  [TaskState.STARTING]: 5,
  [TaskState.RUNNING]: 6,
  [TaskState.COMPLETE]: 7,
  [TaskState.SHUTDOWN]: 8,
  [TaskState.FAILED]: 9,
  [TaskState.REJECTED]: 10,
  [TaskState.ORPHANED]: 11,
};

/** Position of a state in the lifecycle; terminal states share the top. */
export function stateRank(state: TaskState): number {
  return Math.min(ORDER[state], ORDER[TaskState.COMPLETE]);
}

export function isTerminal(state: TaskState): boolean {
  return ORDER[state] >= ORDER[TaskState.COMPLETE];
}

/** True when an observed-state report from `from` to `to` moves the task forward. */
export function isForward(from: TaskState, to: TaskState): boolean {
  return stateRank(to) > stateRank(from);
}

/** The states an agent may report (the ones before ASSIGNED belong to managers). */
export function isAgentState(state: TaskState): boolean {
  return ORDER[state] >= ORDER[TaskState.ACCEPTED];
}
