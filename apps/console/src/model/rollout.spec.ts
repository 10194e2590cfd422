import { describe, expect, it } from 'vitest';
import { canRollback, summarize, type RolloutInput } from './rollout';

const base: RolloutInput = {
  state: 'UPDATING',
  message: 'update in progress',
  failures: 0,
  failuresAllowed: 1,
  monitorUntil: null,
  slots: [
    { slot: 1, state: 'UPDATED' },
    { slot: 2, state: 'STARTING' },
    { slot: 3, state: 'OUTDATED' },
  ],
};
const now = Date.parse('2026-06-01T00:00:00Z');

describe('summarize', () => {
  it('counts slots by spec and says how many failures are left', () => {
    const s = summarize(base, now);
    expect(s).toMatchObject({
      inProgress: true,
      rollingBack: false,
      title: 'Rolling update in progress',
      tone: 'progress',
      overLimit: false,
      secondsLeft: null,
    });
    expect(s.counts).toEqual({ UPDATED: 1, STARTING: 1, FAILED: 0, OUTDATED: 1, EMPTY: 0 });
    expect(s.failures).toBe('0 failed of 1 allowed');
  });

  it('flags failures past the allowed number', () => {
    expect(summarize({ ...base, failures: 2 }, now).overLimit).toBe(true);
    expect(summarize({ ...base, failures: 1 }, now).overLimit).toBe(false);
  });

  it('counts the monitor period down in whole seconds, never below 0', () => {
    const monitorUntil = new Date(now + 4200).toISOString();
    expect(summarize({ ...base, monitorUntil }, now).secondsLeft).toBe(5);
    expect(summarize({ ...base, monitorUntil }, now + 4200).secondsLeft).toBe(0);
    expect(summarize({ ...base, monitorUntil }, now + 9000).secondsLeft).toBe(0);
  });

  it('says a rollback is one, and that a finished one is over', () => {
    expect(summarize({ ...base, state: 'ROLLBACK_STARTED' }, now)).toMatchObject({ rollingBack: true, inProgress: true, title: 'Rolling back' });
    expect(summarize({ ...base, state: 'ROLLBACK_COMPLETED' }, now)).toMatchObject({ rollingBack: true, inProgress: false, title: 'Rolled back', tone: 'bad' });
    expect(summarize({ ...base, state: 'COMPLETED' }, now)).toMatchObject({ inProgress: false, tone: 'ok' });
  });
});

describe('canRollback', () => {
  it('offers a rollback during or after an update with a previous spec, not during a rollback', () => {
    expect(canRollback('UPDATING', true)).toBe(true);
    expect(canRollback('PAUSED', true)).toBe(true);
    expect(canRollback('COMPLETED', true)).toBe(true);
    expect(canRollback('UPDATING', false)).toBe(false);
    expect(canRollback('ROLLBACK_STARTED', true)).toBe(false);
    expect(canRollback('ROLLBACK_COMPLETED', true)).toBe(false);
  });
});
