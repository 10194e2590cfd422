import { describe, expect, it } from 'vitest';
import { atLeast, expiresAt, grantable, validateNewUser, validateTokenName } from './access';
import { settingsFieldOf, toClusterSettingsInput } from './cluster-settings-form';

describe('roles', () => {
  it('orders ADMIN over OPERATOR over VIEWER', () => {
    expect(atLeast('ADMIN', 'OPERATOR')).toBe(true);
    expect(atLeast('OPERATOR', 'ADMIN')).toBe(false);
    expect(grantable('OPERATOR')).toEqual(['OPERATOR', 'VIEWER']);
  });
});

describe('new users and tokens', () => {
  it('checks username and password as the API does', () => {
    expect(validateNewUser({ username: 'ann.b', password: 'long enough' })).toEqual({});
    expect(validateNewUser({ username: 'ann b', password: 'short' })).toEqual({
      username: expect.stringContaining('letters'),
      password: 'Use at least 8 characters.',
    });
    expect(validateNewUser({ username: 'a', password: 'é'.repeat(37) }).password).toContain('72 bytes');
  });

  it('turns an expiry choice into an instant, or none', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(expiresAt(0, now)).toBeUndefined();
    expect(expiresAt(7, now)).toBe('2026-01-08T00:00:00.000Z');
    expect(validateTokenName('  ')).toContain('name');
  });
});

describe('cluster settings form', () => {
  it('parses valid values and names each bad field', () => {
    expect(toClusterSettingsInput({ heartbeatPeriodMs: '1000', heartbeatGrace: '3', restartDelayMs: '5000', taskHistoryLimit: '5' })).toEqual({
      input: { heartbeatPeriodMs: 1000, heartbeatGrace: 3, restartDelayMs: 5000, taskHistoryLimit: 5 },
      errors: {},
    });
    const { input, errors } = toClusterSettingsInput({ heartbeatPeriodMs: '99', heartbeatGrace: '101', restartDelayMs: '-1', taskHistoryLimit: '2.5' });
    expect(input).toBeUndefined();
    expect(errors).toEqual({
      heartbeatPeriodMs: 'Give a whole number of milliseconds from 100 to 60,000.',
      heartbeatGrace: 'Give a whole number of heartbeats from 2 to 100.',
      restartDelayMs: 'Give a whole number of milliseconds from 0 to 3,600,000.',
      taskHistoryLimit: 'Give a whole number of tasks from 1 to 100.',
    });
  });

  it('maps the API field of an error to the form field', () => {
    expect(settingsFieldOf('input.taskHistoryLimit')).toBe('taskHistoryLimit');
    expect(settingsFieldOf('input.other')).toBeUndefined();
  });
});
