/**
 * What a task's container may use (limits, enforced by the engine) and what the
 * scheduler sets aside for it on its node (reservations). Absent or 0: none.
 */
export interface Resources {
  reservations?: { nanoCpus?: number; memoryBytes?: number };
  limits?: { nanoCpus?: number; memoryBytes?: number; pids?: number };
}
