import type { ManagerConfig } from '../config';
import type { StoreAction } from '../store/actions';
import type { TokenObject } from '../store/objects';
import type { Proposer } from '../store/proposer';
import type { Store } from '../store/store';
import { LastUseRecorder } from './last-use.recorder';

const MINUTE = 60_000;
const T = Date.parse('2026-01-01T00:00:00Z');

describe('LastUseRecorder', () => {
  const tokens = new Map<string, Partial<TokenObject>>();
  const proposed: StoreAction[][] = [];
  const store = { token: (id: string) => tokens.get(id) } as unknown as Store;
  const proposer = {
    propose: (actions: StoreAction[]) => {
      proposed.push(actions);
      for (const a of actions) if (a.op === 'patch') tokens.set(a.id, { ...tokens.get(a.id), ...(a.fields as Partial<TokenObject>) });
      return Promise.resolve({ index: 1, at: '', changes: [] });
    },
  } as unknown as Proposer;
  const recorder = () => new LastUseRecorder(store, proposer, { access: { tokenLastUseIntervalMs: MINUTE } } as ManagerConfig);

  beforeEach(() => {
    tokens.clear();
    proposed.length = 0;
    tokens.set('a', { id: 'a' });
    tokens.set('b', { id: 'b', lastUsedAt: new Date(T).toISOString() });
  });

  it('writes many uses of many tokens as one entry, at most once an interval per token', async () => {
    const r = recorder();
    for (let i = 0; i < 100; i++) r.seen('a', T + i);
    r.seen('b', T + 30_000); // within an interval of its stored last use: not worth an entry
    await r.flush();
    expect(proposed).toEqual([[{ op: 'patch', kind: 'token', id: 'a', ifExists: true, fields: { lastUsedAt: new Date(T + 99).toISOString() } }]]);
    r.seen('a', T + 1000);
    await r.flush();
    expect(proposed).toHaveLength(1);
    r.seen('b', T + MINUTE + 1);
    await r.flush();
    expect(proposed[1]).toEqual([{ op: 'patch', kind: 'token', id: 'b', ifExists: true, fields: { lastUsedAt: new Date(T + MINUTE + 1).toISOString() } }]);
  });

  it('forgets a revoked token', async () => {
    const r = recorder();
    r.seen('a', T);
    tokens.delete('a');
    await r.flush();
    expect(proposed).toEqual([]);
  });
});
