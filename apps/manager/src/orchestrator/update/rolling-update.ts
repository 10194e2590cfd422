import { DesiredState, TaskState, isTerminal, isWanted } from '@shoal/protocol';
import { containerSpecOf, taskKey } from '../../services/container-spec';
import { type ServiceObject, type TaskObject, isPerNode } from '../../store/objects';
import { type UpdateConfig, type UpdateStatus, isRollback, withDefaults } from '../../store/update';

/** One slot as the replicated orchestrator left it: its task of the current spec, or the outdated one it still runs. */
export interface SlotView {
  slot: number;
  current?: TaskObject;
  outdated?: TaskObject;
}

export interface UpdateStep {
  /** Outdated slots that get a task of the current spec now. */
  replace: number[];
  /** The service's new update status, when it moves. */
  status?: UpdateStatus;
  /** Put previousSpec back (failure action ROLLBACK). */
  rollback?: boolean;
  /** When to look again (a delay or the monitor period running out). */
  wakeAt?: number;
}

/** The config that governs the service's tasks now: the rollback config during a rollback. */
export function activeConfig(service: ServiceObject): Required<UpdateConfig> {
  return withDefaults(isRollback(service.updateStatus) ? service.spec.rollbackConfig : service.spec.updateConfig);
}

/**
 * One step of a rolling update or rollback, from replicated state only (the service's
 * update status and its tasks), so a new leader carries on where the last one stopped.
 * A batch of `parallelism` outdated slots is replaced once every task of the current
 * spec is RUNNING and `delayMs` has passed since the last of them got there. New tasks
 * that fail before they run or within `monitorMs` of starting count against
 * `maxFailureRatio`, and so do new tasks not RUNNING `startTimeoutMs` after they were
 * made (stuck pending or starting); past it, the failure action applies. The update completes
 * `monitorMs` after its last task runs.
 */
export function rollingUpdate(
  service: ServiceObject,
  slots: readonly SlotView[],
  tasks: readonly TaskObject[],
  isCurrent: (t: TaskObject) => boolean,
  now: Date,
): UpdateStep {
  const nowMs = now.getTime();
  const outdated = slots.filter((s) => !s.current && s.outdated);
  let status = service.updateStatus;
  let started: UpdateStatus | undefined;
  if (outdated.length > 0 && (!status || status.state === 'COMPLETED' || status.state === 'ROLLBACK_COMPLETED')) {
    // Tasks outdated with no update under way (a spec written without one): start one.
    status = started = { state: 'UPDATING', startedAt: now.toISOString(), message: 'update in progress' };
  }
  if (!status || status.state === 'PAUSED' || status.state === 'ROLLBACK_PAUSED' || status.state === 'COMPLETED' || status.state === 'ROLLBACK_COMPLETED') {
    return { replace: [] };
  }
  const rollingBack = isRollback(status);
  const config = withDefaults(rollingBack ? service.spec.rollbackConfig : service.spec.updateConfig);
  const mine = tasks.filter((t) => isCurrent(t) && t.createdAt >= status.startedAt);
  const stalled = mine.filter((t) => stalledAt(t, config.startTimeoutMs) <= nowMs);
  const failures = [...mine.filter((t) => failedInTime(t, config.monitorMs)), ...stalled];
  if (config.failureAction !== 'CONTINUE' && failures.length > 0 && failures.length > config.maxFailureRatio * slots.length) {
    const what = `${failures.length} of ${slots.length} new tasks failed (${describeFailure(failures[0], config.startTimeoutMs)})`;
    const at = now.toISOString();
    if (rollingBack) return { replace: [], status: { ...status, state: 'ROLLBACK_PAUSED', message: `rollback paused: ${what}` } };
    if (config.failureAction === 'ROLLBACK' && service.previousSpec) {
      return { replace: [], rollback: true, status: { state: 'ROLLBACK_STARTED', startedAt: at, message: `rollback started: ${what}` } };
    }
    return { replace: [], status: { ...status, state: 'PAUSED', message: `update paused: ${what}` } };
  }
  // A stalled task counts as a failure (tolerated here), not as a task still on its way.
  const inFlight = slots.some((s) => s.current && s.current.status.state !== TaskState.RUNNING && !stalled.includes(s.current));
  const stallAt = Math.min(...mine.map((t) => stalledAt(t, config.startTimeoutMs)).filter((at) => at > nowMs));
  const wakeAt = (at?: number): number | undefined => (at === undefined ? (Number.isFinite(stallAt) ? stallAt : undefined) : Math.min(at, stallAt));
  const runningSince = Math.max(Date.parse(status.startedAt), ...mine.filter((t) => t.status.state === TaskState.RUNNING).map((t) => Date.parse(t.updatedAt)));
  if (outdated.length === 0 && !inFlight) {
    const doneAt = runningSince + config.monitorMs;
    if (nowMs < doneAt) return { replace: [], status: started, wakeAt: doneAt };
    const completedAt = now.toISOString();
    if (!rollingBack) return { replace: [], status: { ...status, state: 'COMPLETED', completedAt, message: 'update completed' } };
    // Keeps why it rolled back: "rollback completed: 1 of 3 new tasks failed (...)".
    return {
      replace: [],
      status: { ...status, state: 'ROLLBACK_COMPLETED', completedAt, message: status.message.replace(/^rollback started/, 'rollback completed') },
    };
  }
  if (inFlight || outdated.length === 0) return { replace: [], status: started, wakeAt: wakeAt() };
  const next = mine.length > 0 ? runningSince + config.delayMs : nowMs;
  if (nowMs < next) return { replace: [], status: started, wakeAt: wakeAt(next) };
  const n = config.parallelism === 0 ? outdated.length : config.parallelism;
  return { replace: outdated.slice(0, n).map((s) => s.slot), status: started };
}

/** A task that failed before it ran, or within the monitor period after it started (both times from its agent's clock). */
export function failedInTime(t: TaskObject, monitorMs: number): boolean {
  if (t.status.state !== TaskState.FAILED && t.status.state !== TaskState.REJECTED) return false;
  if (!t.status.startedAt) return true;
  return Date.parse(t.status.timestamp) - Date.parse(t.status.startedAt) <= monitorMs;
}

/**
 * When a task of the update counts as stalled: never once it runs, has ended or is being
 * shut down. A stop-first task still waiting for its predecessor to stop (READY) can stall.
 */
function stalledAt(t: TaskObject, startTimeoutMs: number): number {
  if (!isWanted(t.desiredState) || t.status.state === TaskState.RUNNING || isTerminal(t.status.state)) return Infinity;
  return Date.parse(t.createdAt) + startTimeoutMs;
}

/** "task x: non-zero exit (1)", or for a stalled one "task x not running after 300 s (PENDING: no suitable node …)". */
function describeFailure(t: TaskObject, startTimeoutMs: number): string {
  if (t.status.state === TaskState.FAILED || t.status.state === TaskState.REJECTED) return `task ${t.id}: ${t.status.message}`;
  return `task ${t.id} not running after ${startTimeoutMs / 1000} s (${t.status.state}: ${t.status.message})`;
}

/** Slots 1..replicas whose task of the current spec is RUNNING, out of all of them. */
export function updateProgress(service: ServiceObject, tasks: readonly TaskObject[]): { updated: number; total: number } {
  const key = taskKey(containerSpecOf(service.spec), service.spec.placement);
  if (isPerNode(service.spec.mode)) {
    // Slots are nodes: those with a task that should run, and of them those running the current spec.
    const wanted = tasks.filter((t) => isWanted(t.desiredState));
    const updated = new Set(wanted.filter((t) => t.status.state === TaskState.RUNNING && taskKey(t.spec, t.placement) === key).map((t) => t.targetNodeId));
    return { updated: updated.size, total: new Set(wanted.map((t) => t.targetNodeId)).size };
  }
  const slots = new Set(
    tasks
      .filter(
        (t) =>
          t.slot <= service.spec.replicas &&
          t.desiredState === DesiredState.RUNNING &&
          t.status.state === TaskState.RUNNING &&
          taskKey(t.spec, t.placement) === key,
      )
      .map((t) => t.slot),
  );
  return { updated: slots.size, total: service.spec.replicas };
}
