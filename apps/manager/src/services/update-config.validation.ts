import { badInput } from '../common/errors';
import type { UpdateConfig } from '../store/update';

const FAILURE_ACTIONS = ['PAUSE', 'CONTINUE', 'ROLLBACK'];
const ORDERS = ['STOP_FIRST', 'START_FIRST'];
const DAY_MS = 24 * 3600 * 1000;
const MAX_PARALLELISM = 10_000;

/** An update or rollback config; a rollback cannot itself fail over to a rollback. */
export function validateUpdateConfig(c: UpdateConfig | undefined, field: string, rollback: boolean): void {
  if (!c) return;
  const f = (name: string) => `${field}.${name}`;
  if (c.parallelism !== undefined && (!Number.isInteger(c.parallelism) || c.parallelism < 0 || c.parallelism > MAX_PARALLELISM)) {
    throw badInput(f('parallelism'), `must be a whole number from 0 (all at once) to ${MAX_PARALLELISM}`);
  }
  duration(c.delayMs, f('delayMs'));
  duration(c.monitorMs, f('monitorMs'));
  duration(c.startTimeoutMs, f('startTimeoutMs'));
  if (c.maxFailureRatio !== undefined && !(Number.isFinite(c.maxFailureRatio) && c.maxFailureRatio >= 0 && c.maxFailureRatio <= 1)) {
    throw badInput(f('maxFailureRatio'), 'must be a fraction from 0 to 1');
  }
  const actions = rollback ? FAILURE_ACTIONS.filter((a) => a !== 'ROLLBACK') : FAILURE_ACTIONS;
  if (c.failureAction !== undefined && !actions.includes(c.failureAction)) {
    throw badInput(f('failureAction'), `must be one of ${actions.join(', ')}${rollback ? ' (a rollback cannot roll back)' : ''}`);
  }
  if (c.order !== undefined && !ORDERS.includes(c.order)) throw badInput(f('order'), `must be one of ${ORDERS.join(', ')}`);
}

function duration(ms: number | undefined, field: string): void {
  if (ms !== undefined && (!Number.isInteger(ms) || ms < 0 || ms > DAY_MS)) {
    throw badInput(field, `must be a whole number of milliseconds from 0 to ${DAY_MS} (24 h)`);
  }
}
