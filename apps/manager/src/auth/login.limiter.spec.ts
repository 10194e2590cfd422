import type { ManagerConfig } from '../config';
import type { AuditObject } from '../store/objects';
import { Store } from '../store/store';
import { LoginLimiter } from './login.limiter';

const config = { access: { loginMaxFailures: 3, loginAddressMaxFailures: 5, loginLockoutSeconds: 60 } } as ManagerConfig;
let seq = 0;

function attempt(name: string, result: string, atMs: number, clientAddr = '10.0.0.1'): AuditObject {
  const at = new Date(atMs).toISOString();
  return {
    id: `a${++seq}`,
    version: seq,
    createdAt: at,
    updatedAt: at,
    actor: { kind: result === 'OK' ? 'USER' : 'ANONYMOUS', name },
    operation: 'login',
    arguments: '{}',
    result,
    clientAddr,
  };
}

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
}

describe('LoginLimiter', () => {
  let now: number;
  let limiter: LoginLimiter;
  let store: Store;
  beforeEach(() => {
    now = Date.parse('2026-01-01T00:00:00Z');
    store = new Store();
    limiter = new LoginLimiter(store, config);
    limiter.clock = () => now;
  });

  const fail = (name: string, addr?: string) =>
    store.publish([{ index: ++seq, at: '', changes: [{ kind: 'audit', action: 'CREATED', object: attempt(name, 'UNAUTHENTICATED', now, addr) }] }]);

  it('locks a username after repeated failures, from any manager, ignoring case', () => {
    fail('ann');
    fail('Ann', '10.0.0.2');
    expect(codeOf(() => limiter.check('ann', '10.0.0.3'))).toBeUndefined();
    fail('ANN', '10.0.0.4');
    expect(codeOf(() => limiter.check('ann', '10.0.0.3'))).toBe('RATE_LIMITED');
    expect(codeOf(() => limiter.check('bob', '10.0.0.3'))).toBeUndefined();
  });

  it('says when the next attempt can succeed', () => {
    fail('ann');
    now += 20_000;
    fail('ann');
    fail('ann');
    fail('ann');
    now += 10_000;
    // Four failures, three allowed: the second one (at 20 s) must leave the 60 s window, at 80 s.
    expect(() => limiter.check('ann', undefined)).toThrow(
      expect.objectContaining({ code: 'RATE_LIMITED', retryAfterS: 50, message: expect.stringContaining('try again in 50 s') }),
    );
  });

  it('unlocks once the failures leave the window', () => {
    for (let i = 0; i < 3; i++) fail('ann');
    expect(codeOf(() => limiter.check('ann', undefined))).toBe('RATE_LIMITED');
    now += 61_000;
    expect(codeOf(() => limiter.check('ann', undefined))).toBeUndefined();
  });

  it('locks an address that tries many usernames', () => {
    for (const name of ['a', 'b', 'c', 'd', 'e']) fail(name, '10.9.9.9');
    expect(codeOf(() => limiter.check('f', '10.9.9.9'))).toBe('RATE_LIMITED');
    expect(codeOf(() => limiter.check('f', '10.0.0.1'))).toBeUndefined();
  });

  it('clears a username on a successful login, and ignores other operations', () => {
    fail('ann');
    fail('ann');
    store.publish([{ index: ++seq, at: '', changes: [{ kind: 'audit', action: 'CREATED', object: attempt('ann', 'OK', now) }] }]);
    fail('ann');
    store.publish([
      { index: ++seq, at: '', changes: [{ kind: 'audit', action: 'CREATED', object: { ...attempt('ann', 'FORBIDDEN', now), operation: 'createUser' } }] },
    ]);
    expect(codeOf(() => limiter.check('ann', undefined))).toBeUndefined();
  });

  it('counts failed password changes like failed logins', () => {
    for (let i = 0; i < 3; i++) {
      store.publish([
        {
          index: ++seq,
          at: '',
          changes: [{ kind: 'audit', action: 'CREATED', object: { ...attempt('dan', 'UNAUTHENTICATED', now), operation: 'changePassword' } }],
        },
      ]);
    }
    expect(codeOf(() => limiter.check('dan', undefined))).toBe('RATE_LIMITED');
  });

  it('counts the failures already in the store when it starts', () => {
    store.state.load(
      [1, 2, 3].map(() => ({ kind: 'audit' as const, object: attempt('cat', 'UNAUTHENTICATED', now) })),
      10,
    );
    const fresh = new LoginLimiter(store, config);
    fresh.clock = () => now;
    expect(codeOf(() => fresh.check('cat', undefined))).toBe('RATE_LIMITED');
  });
});
