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
