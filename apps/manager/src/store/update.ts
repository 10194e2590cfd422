/** How a service's outdated tasks are replaced (docs/design/orchestrator.md, swarm mode's UpdateConfig). */
export interface UpdateConfig {
  /** Slots replaced per batch; 0: all at once. */
  parallelism?: number;
  /** Wait after a batch is running before the next one starts. */
  delayMs?: number;
  /** What a failure ratio above maxFailureRatio does. ROLLBACK is not allowed in a rollback config. */
  failureAction?: 'PAUSE' | 'CONTINUE' | 'ROLLBACK';
  /** How long after a new task starts running its failure still counts; the update completes this long after its last task runs. */
  monitorMs?: number;
  /**
   * How long a new task may take from its creation to RUNNING (placed, image pulled,
   * started, healthy) before it counts as a failure: an update never waits forever on a
   * task stuck pending or starting.
   */
  startTimeoutMs?: number;
  /** Failed new tasks tolerated, as a fraction of the slots (0..1). */
  maxFailureRatio?: number;
  /** STOP_FIRST: stop the old task, then start the new; START_FIRST: the other way round. */
  order?: 'STOP_FIRST' | 'START_FIRST';
}

export type UpdateState = 'UPDATING' | 'PAUSED' | 'COMPLETED' | 'ROLLBACK_STARTED' | 'ROLLBACK_PAUSED' | 'ROLLBACK_COMPLETED';

/** Where the service's last update (or rollback) stands; written by the API when it starts and by the leader after. */
export interface UpdateStatus {
  state: UpdateState;
  startedAt: string;
  completedAt?: string;
  message: string;
}

/** Swarm mode's defaults; startTimeoutMs (swarm mode has none) is Kubernetes' progress deadline, halved. */
export const DEFAULT_UPDATE_CONFIG: Required<UpdateConfig> = {
  parallelism: 1,
  delayMs: 0,
  failureAction: 'PAUSE',
  monitorMs: 5000,
  startTimeoutMs: 300_000,
  maxFailureRatio: 0,
  order: 'STOP_FIRST',
};

export function withDefaults(c: UpdateConfig | undefined): Required<UpdateConfig> {
  return { ...DEFAULT_UPDATE_CONFIG, ...c };
}

/** A rollback is under way (or paused): the rollback config applies. */
export function isRollback(s: UpdateStatus | undefined): boolean {
  return s?.state === 'ROLLBACK_STARTED' || s?.state === 'ROLLBACK_PAUSED' || s?.state === 'ROLLBACK_COMPLETED';
}
