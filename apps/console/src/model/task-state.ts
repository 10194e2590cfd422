/** Observed task states in lifecycle order (docs/nomenclature.md). */
export const TASK_STATES = [
  'NEW',
  'PENDING',
  'ASSIGNED',
  'ACCEPTED',
  'PREPARING',
  'STARTING',
  'RUNNING',
  'COMPLETE',
  'SHUTDOWN',
  'FAILED',
  'REJECTED',
  'ORPHANED',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** How a state should look: fine, on its way, stopped on purpose, or gone wrong. */
export type Tone = 'ok' | 'progress' | 'idle' | 'bad';

export function taskTone(state: TaskState): Tone {
  switch (state) {
    case 'RUNNING':
    case 'COMPLETE':
      return 'ok';
    case 'NEW':
    case 'PENDING':
    case 'ASSIGNED':
    case 'ACCEPTED':
    case 'PREPARING':
    case 'STARTING':
      return 'progress';
    case 'SHUTDOWN':
      return 'idle';
    case 'FAILED':
    case 'REJECTED':
    case 'ORPHANED':
      return 'bad';
  }
}

interface TaskLike {
  desiredState: 'RUNNING' | 'SHUTDOWN';
  status: { state: TaskState };
}

/** Tasks the managers want running, counted by observed state, in lifecycle order; states with none are left out. */
export function countByState(tasks: readonly TaskLike[]): { state: TaskState; count: number }[] {
  const counts = new Map<TaskState, number>();
  for (const t of tasks) if (t.desiredState === 'RUNNING') counts.set(t.status.state, (counts.get(t.status.state) ?? 0) + 1);
  return TASK_STATES.filter((s) => counts.has(s)).map((state) => ({ state, count: counts.get(state)! }));
}

interface ServiceLike {
  replicas: number;
  runningReplicas: number;
}

/** A service is converged when as many tasks run as it asks for. */
export function convergence(services: readonly ServiceLike[]): { converged: number; converging: number } {
  const converged = services.filter((s) => s.runningReplicas === s.replicas).length;
  return { converged, converging: services.length - converged };
}
