import type { Tone } from './task-state';

export type UpdateState = 'UPDATING' | 'PAUSED' | 'COMPLETED' | 'ROLLBACK_STARTED' | 'ROLLBACK_PAUSED' | 'ROLLBACK_COMPLETED';
export type SlotState = 'UPDATED' | 'STARTING' | 'FAILED' | 'OUTDATED' | 'EMPTY';

export interface RolloutInput {
  state: UpdateState;
  message: string;
  failures: number;
  failuresAllowed: number;
  monitorUntil?: string | null;
  slots: readonly { slot: number; state: SlotState }[];
}

export interface RolloutSummary {
  /** Slots are moving (or stuck on the way): show the whole view, not only the last outcome. */
  inProgress: boolean;
  rollingBack: boolean;
  title: string;
  tone: Tone;
  counts: Record<SlotState, number>;
  /** "1 of 1 failures allowed". */
  failures: string;
  /** More failures than allowed: the failure action applies (or has). */
  overLimit: boolean;
  /** Whole seconds until the update completes, while the monitor period runs; null otherwise. */
  secondsLeft: number | null;
}

const TITLES: Record<UpdateState, [string, Tone]> = {
  UPDATING: ['Rolling update in progress', 'progress'],
  PAUSED: ['Update paused', 'bad'],
  COMPLETED: ['Update completed', 'ok'],
  ROLLBACK_STARTED: ['Rolling back', 'progress'],
  ROLLBACK_PAUSED: ['Rollback paused', 'bad'],
  ROLLBACK_COMPLETED: ['Rolled back', 'bad'],
};

export const SLOT_LABELS: Record<SlotState, string> = {
  UPDATED: 'new spec',
  STARTING: 'starting',
  FAILED: 'failed',
  OUTDATED: 'old spec',
  EMPTY: 'empty',
};

/** What the rolling-update view says about an update status at `now` (ms). */
export function summarize(s: RolloutInput, now: number): RolloutSummary {
  const counts: Record<SlotState, number> = { UPDATED: 0, STARTING: 0, FAILED: 0, OUTDATED: 0, EMPTY: 0 };
  for (const slot of s.slots) counts[slot.state]++;
  const [title, tone] = TITLES[s.state];
  const until = s.monitorUntil ? Date.parse(s.monitorUntil) : NaN;
  return {
    inProgress: s.state !== 'COMPLETED' && s.state !== 'ROLLBACK_COMPLETED',
    rollingBack: s.state.startsWith('ROLLBACK_'),
    title,
    tone,
    counts,
    failures: `${s.failures} failed of ${s.failuresAllowed} allowed`,
    overLimit: s.failures > s.failuresAllowed,
    secondsLeft: Number.isNaN(until) ? null : Math.max(0, Math.ceil((until - now) / 1000)),
  };
}

/** Rolling back puts the previous spec back: offered while an update (not a rollback) is under way, paused or done. */
export function canRollback(state: UpdateState | undefined, hasPreviousSpec: boolean): boolean {
  return hasPreviousSpec && (state === undefined || state === 'UPDATING' || state === 'PAUSED' || state === 'COMPLETED');
}
