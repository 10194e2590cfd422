import { TaskState } from '@shoal/protocol';
import type { RestartPolicy, TaskObject } from '../../store/objects';

/** The default: replace every task that ended, with the cluster's doubling restart delay. */
export const DEFAULT_RESTART_POLICY: RestartPolicy = { condition: 'any' };

/** Backoff cap of the default delay: restartDelayMs × 2^6. */
const MAX_DOUBLINGS = 6;

export type RestartDecision =
  /** Replace the slot's task at `dueMs` (0: now); the new task carries `restarts`. */
  | { replace: true; dueMs: number; restarts?: string[] }
  /** Leave the slot empty; `reason` says why, for operators. */
  | { replace: false; reason: string };

/**
 * Whether and when an empty slot gets a new task, from the slot's history (newest
 * first), the service's restart policy and the cluster's restart delay. Only a task that
 * ended on its own (COMPLETE, FAILED, REJECTED) while running the current spec is
 * subject to the policy: slots emptied by a scale-up, an update, a drain or a down
 * node are refilled at once.
 */
export function restartDecision(
  policy: RestartPolicy = DEFAULT_RESTART_POLICY,
  history: readonly TaskObject[],
  specKey: string,
  keyOf: (t: TaskObject) => string,
  restartDelayMs: number,
): RestartDecision {
  const latest = history[0];
  if (!latest || !endedOnItsOwn(latest) || keyOf(latest) !== specKey) return { replace: true, dueMs: 0 };
  const how = describeEnd(latest);
  if (policy.condition === 'none') return { replace: false, reason: `${how}; restart condition is none` };
  if (policy.condition === 'on-failure' && latest.status.state === TaskState.COMPLETE) {
    return { replace: false, reason: `${how}; restart condition is on-failure` };
  }
  const endedAt = Date.parse(latest.updatedAt);
  let restarts: string[] | undefined;
  if (policy.maxAttempts !== undefined) {
    const since = policy.windowMs === undefined ? -Infinity : endedAt - policy.windowMs;
    const ends = [...(latest.restarts ?? []), latest.updatedAt].filter((at) => Date.parse(at) > since);
    if (ends.length > policy.maxAttempts) {
      const within = policy.windowMs === undefined ? '' : ` within ${policy.windowMs} ms`;
      return { replace: false, reason: `${how}; max attempts reached (${policy.maxAttempts} replacement${policy.maxAttempts === 1 ? '' : 's'}${within})` };
    }
    restarts = ends.slice(-(policy.maxAttempts + 1));
  }
  return { replace: true, dueMs: endedAt + delayOf(policy, history, restartDelayMs), restarts };
}

/**
 * The policy's fixed delay for any replacement; without one, the cluster's restart
 * delay doubled for each consecutive failure of the slot (at most 64×), and no delay
 * after a clean exit.
 */
function delayOf(policy: RestartPolicy, history: readonly TaskObject[], restartDelayMs: number): number {
  if (policy.delayMs !== undefined) return policy.delayMs;
  let failures = 0;
  for (const t of history) {
    if (!failed(t)) break;
    failures++;
  }
  if (failures === 0) return 0;
  return restartDelayMs * 2 ** Math.min(failures - 1, MAX_DOUBLINGS);
}

function endedOnItsOwn(t: TaskObject): boolean {
  return t.status.state === TaskState.COMPLETE || failed(t);
}

function failed(t: TaskObject): boolean {
  return t.status.state === TaskState.FAILED || t.status.state === TaskState.REJECTED;
}

function describeEnd(t: TaskObject): string {
  const what = t.status.state === TaskState.COMPLETE ? 'completed' : t.status.state === TaskState.REJECTED ? 'was rejected' : 'failed';
  return `task ${t.id} ${what} (${t.status.message})`;
}
