import { StateMachine } from './state-machine';
import type { Entry } from './actions';
import { ShoalError } from '../common/errors';

const at = '2026-01-01T00:00:00.000Z';
const svc = (id: string, name: string) => ({
  op: 'create' as const,
  kind: 'service' as const,
  object: { id, createdAt: at, spec: { name, image: 'busybox', replicas: 1 } },
});
const entry = (...actions: Entry['actions']): Entry => ({ actions, at });

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof ShoalError ? e.code : 'OTHER';
  }
  return undefined;
}

describe('StateMachine', () => {
  it('sets every changed object version to the index of the entry', () => {
    const sm = new StateMachine();
    sm.apply(entry(svc('a', 'web')), 1);
    sm.apply(entry({ op: 'patch', kind: 'service', id: 'a', fields: { spec: { name: 'web', image: 'busybox', replicas: 3 } } }), 2);
    expect(sm.get('service', 'a')).toMatchObject({ version: 2, spec: { replicas: 3 }, createdAt: at });
    expect(sm.appliedIndex).toBe(2);
  });

  it('refuses a stale expected version and changes nothing in the entry', () => {
    const sm = new StateMachine();
    sm.apply(entry(svc('a', 'web'), svc('b', 'db')), 1);
    const stale = entry(
      { op: 'patch', kind: 'service', id: 'b', fields: { previousSpec: undefined } },
      { op: 'patch', kind: 'service', id: 'a', expectedVersion: 0, fields: {} },
    );
    expect(codeOf(() => sm.apply(stale, 2))).toBe('CONFLICT');
    expect(sm.get('service', 'b')!.version).toBe(1);
    expect(sm.appliedIndex).toBe(1);
  });

  it('keeps service names unique, within one entry and across entries', () => {
    const sm = new StateMachine();
    sm.apply(entry(svc('a', 'web')), 1);
    expect(codeOf(() => sm.apply(entry(svc('b', 'web')), 2))).toBe('CONFLICT');
    expect(codeOf(() => sm.apply(entry(svc('b', 'x'), svc('c', 'x')), 2))).toBe('CONFLICT');
    // Removing the holder in the same entry frees the name.
    sm.apply(entry({ op: 'remove', kind: 'service', id: 'a' }, svc('b', 'web')), 2);
    expect(sm.serviceNamed('web')!.id).toBe('b');
  });

  it('answers NOT_FOUND for a missing object unless the action says ifExists', () => {
    const sm = new StateMachine();
    expect(codeOf(() => sm.apply(entry({ op: 'remove', kind: 'task', id: 'nope' }), 1))).toBe('NOT_FOUND');
    const set = sm.apply(entry({ op: 'remove', kind: 'task', id: 'nope', ifExists: true }), 1);
    expect(set.changes).toEqual([]);
  });

  it('indexes tasks by service and node, following moves and removals', () => {
    const sm = new StateMachine();
    const task = {
      id: 't',
      createdAt: at,
      serviceId: 's',
      serviceName: 's',
      slot: 1,
      nodeId: null,
      desiredState: 'RUNNING',
      status: { state: 'PENDING', message: '', timestamp: at },
      spec: { image: 'x' },
    };
    sm.apply(entry({ op: 'create', kind: 'task', object: task as never }), 1);
    expect(sm.tasksOfNode('n1')).toEqual([]);
    sm.apply(entry({ op: 'patch', kind: 'task', id: 't', fields: { nodeId: 'n1' } }), 2);
    expect(sm.tasksOfNode('n1').map((t) => t.id)).toEqual(['t']);
    expect(sm.tasksOfService('s').map((t) => t.id)).toEqual(['t']);
    sm.apply(entry({ op: 'remove', kind: 'task', id: 't' }), 3);
    expect(sm.tasksOfNode('n1')).toEqual([]);
    expect(sm.tasksOfService('s')).toEqual([]);
  });

  it('never lets a patch change an id, version or creation time', () => {
    const sm = new StateMachine();
    sm.apply(entry(svc('a', 'web')), 1);
    sm.apply(entry({ op: 'patch', kind: 'service', id: 'a', fields: { id: 'zzz', version: 99, createdAt: 'later' } }), 2);
    expect(sm.get('service', 'a')).toMatchObject({ id: 'a', version: 2, createdAt: at });
    expect(sm.get('service', 'zzz')).toBeUndefined();
  });

  it('refuses to apply an index twice', () => {
    const sm = new StateMachine();
    sm.apply(entry(svc('a', 'web')), 1);
    expect(() => sm.apply(entry(svc('b', 'db')), 1)).toThrow(/already applied/);
  });

  it('finds a token by its hash through patches and removal', () => {
    const sm = new StateMachine();
    sm.apply(entry({ op: 'create', kind: 'token', object: { id: 't', createdAt: at, name: 'ci', role: 'VIEWER', hash: 'h1' } }), 1);
    expect(sm.tokenWithHash('h1')?.id).toBe('t');
    sm.apply(entry({ op: 'patch', kind: 'token', id: 't', fields: { hash: 'h2' } }), 2);
    expect(sm.tokenWithHash('h1')).toBeUndefined();
    expect(sm.tokenWithHash('h2')?.id).toBe('t');
    sm.apply(entry({ op: 'remove', kind: 'token', id: 't' }), 3);
    expect(sm.tokenWithHash('h2')).toBeUndefined();
  });

  it('keeps usernames unique ignoring case, within an entry too', () => {
    const sm = new StateMachine();
    const user = (id: string, username: string) => ({
      op: 'create' as const,
      kind: 'user' as const,
      object: { id, createdAt: at, username, role: 'VIEWER' as const, passwordHash: 'x', disabled: false },
    });
    sm.apply(entry(user('u1', 'Ann')), 1);
    expect(codeOf(() => sm.apply(entry(user('u2', 'ann')), 2))).toBe('CONFLICT');
    expect(codeOf(() => sm.apply(entry(user('u3', 'bob'), user('u4', 'BOB')), 2))).toBe('CONFLICT');
    // Renaming the holder away in the same entry frees the name.
    sm.apply(entry({ op: 'patch', kind: 'user', id: 'u1', fields: { username: 'anna' } }, user('u5', 'ann')), 2);
    expect(sm.get('user', 'u5')?.username).toBe('ann');
  });
});
