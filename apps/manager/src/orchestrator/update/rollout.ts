import { TaskState, isWanted } from '@shoal/protocol';
import { containerSpecOf, taskKey } from '../../services/container-spec';
import { type ServiceObject, type TaskObject, isPerNode } from '../../store/objects';
import { activeConfig, failedInTime } from './rolling-update';

/** UPDATED: runs the current spec. STARTING: its task of the current spec is not running yet. FAILED: its new task failed and nothing replaced it yet. OUTDATED: still the old spec. EMPTY: no task. */
export type RolloutSlotState = 'UPDATED' | 'STARTING' | 'FAILED' | 'OUTDATED' | 'EMPTY';

export interface RolloutSlot {
  /** The slot number; for a global service, its node's place in node order (1, 2, ...). */
  slot: number;
  state: RolloutSlotState;
  taskId?: string;
  nodeId?: string;
}

export interface Rollout {
  /** New tasks of this update (or rollback) that failed before running or within the monitor period. */
  failures: number;
  /** How many failures the update tolerates: more than this applies the failure action. */
  failuresAllowed: number;
  /** When every slot runs the current spec: the time the update completes if no new task fails before. */
  monitorUntil?: string;
  slots: RolloutSlot[];
}

/**
 * Where a rolling update stands slot by slot, read from replicated state the way the
 * orchestrator reads it (rolling-update.ts): the current spec is the service's spec,
 * during a rollback too.
 */
export function rolloutOf(service: ServiceObject, tasks: readonly TaskObject[]): Rollout {
  const status = service.updateStatus;
  const config = activeConfig(service);
  const key = taskKey(containerSpecOf(service.spec), service.spec.placement);
  const isCurrent = (t: TaskObject): boolean => taskKey(t.spec, t.placement) === key;
  const mine = status ? tasks.filter((t) => isCurrent(t) && t.createdAt >= status.startedAt) : [];
  const failed = mine.filter((t) => failedInTime(t, config.monitorMs));
  const newestFirst = [...tasks].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const groups = new Map<string, TaskObject[]>();
  const perNode = isPerNode(service.spec.mode);
  for (const t of newestFirst) {
    const at = perNode ? (t.targetNodeId ?? t.nodeId ?? '') : String(t.slot);
    groups.set(at, [...(groups.get(at) ?? []), t]);
  }
  const names = perNode
    ? [...groups.entries()].filter(([, ts]) => ts.some((t) => isWanted(t.desiredState))).map(([n]) => n)
    : Array.from({ length: service.spec.replicas }, (_, i) => String(i + 1));
  const slots = names.map((name, i) => slotOf(perNode ? i + 1 : Number(name), groups.get(name) ?? [], isCurrent, new Set(failed)));
  const all = slots.length;
  const running = mine.filter((t) => t.status.state === TaskState.RUNNING);
  const inProgress = status?.state === 'UPDATING' || status?.state === 'ROLLBACK_STARTED';
  const monitorUntil =
    inProgress && all > 0 && slots.every((s) => s.state === 'UPDATED')
      ? new Date(Math.max(Date.parse(status.startedAt), ...running.map((t) => Date.parse(t.updatedAt))) + config.monitorMs).toISOString()
      : undefined;
  return { failures: failed.length, failuresAllowed: Math.floor(config.maxFailureRatio * all + 1e-9), monitorUntil, slots };
}

function slotOf(slot: number, history: readonly TaskObject[], isCurrent: (t: TaskObject) => boolean, failed: ReadonlySet<TaskObject>): RolloutSlot {
  const wanted = history.filter((t) => isWanted(t.desiredState));
  const pick = (t: TaskObject, state: RolloutSlotState): RolloutSlot => ({ slot, state, taskId: t.id, ...(t.nodeId ? { nodeId: t.nodeId } : {}) });
  const current = wanted.find(isCurrent);
  if (current && !ended(current)) return pick(current, current.status.state === TaskState.RUNNING ? 'UPDATED' : 'STARTING');
  const lastFailed = history.find((t) => failed.has(t));
  if (lastFailed) return pick(lastFailed, 'FAILED');
  const outdated = wanted.find((t) => !isCurrent(t));
  if (outdated) return pick(outdated, 'OUTDATED');
  return { slot, state: 'EMPTY' };
}

/** Ended though it should run: the orchestrator has not replaced it yet. */
function ended(t: TaskObject): boolean {
  return (
    t.status.state === TaskState.FAILED ||
    t.status.state === TaskState.REJECTED ||
    t.status.state === TaskState.COMPLETE ||
    t.status.state === TaskState.SHUTDOWN
  );
}
