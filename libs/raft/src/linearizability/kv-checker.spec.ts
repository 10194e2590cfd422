import { KvOperation, checkKv } from './kv-checker';
import { rng } from '../sim/rng';

const put = (client: string, value: string, call: number, ret?: number, key = 'k'): KvOperation => ({ client, key, kind: 'put', value, call, ret });
const get = (client: string, output: string | null, call: number, ret?: number, key = 'k'): KvOperation => ({ client, key, kind: 'get', output, call, ret });

describe('checkKv', () => {
  it('accepts a sequential history', () => {
    expect(checkKv([put('a', '1', 0, 1), get('b', '1', 2, 3), put('a', '2', 4, 5), get('b', '2', 6, 7)]).ok).toBe(true);
  });

  it('rejects a stale read after a write returned', () => {
    const r = checkKv([put('a', '1', 0, 1), put('a', '2', 2, 3), get('b', '1', 4, 5)]);
    expect(r).toMatchObject({ ok: false, key: 'k' });
  });

  it('accepts either order for concurrent operations', () => {
    expect(checkKv([put('a', '1', 0, 10), get('b', null, 1, 2)]).ok).toBe(true);
    expect(checkKv([put('a', '1', 0, 10), get('b', '1', 1, 2)]).ok).toBe(true);
  });

  it('rejects reads that see a value go back', () => {
    expect(checkKv([put('a', '1', 0, 10), get('b', '1', 1, 2), get('c', null, 3, 4)]).ok).toBe(false);
  });

  it('lets a timed-out write take effect later, or never', () => {
    expect(checkKv([put('a', '1', 0), get('b', null, 5, 6), get('b', '1', 7, 8)]).ok).toBe(true);
    expect(checkKv([put('a', '1', 0), get('b', null, 5, 6)]).ok).toBe(true);
    // ...but not before it was called
    expect(checkKv([get('b', '1', 0, 1), put('a', '1', 2)]).ok).toBe(false);
  });

  it('checks keys independently and names the bad one', () => {
    const r = checkKv([put('a', '1', 0, 1, 'x'), get('b', '1', 2, 3, 'x'), put('a', '1', 0, 1, 'y'), get('b', 'nope', 2, 3, 'y')]);
    expect(r).toMatchObject({ ok: false, key: 'y' });
  });

  it('accepts large histories recorded from a real linearizable register, and catches one corrupted read', () => {
    const random = rng(7);
    const ops: KvOperation[] = [];
    const store = new Map<string, string>();
    let t = 0;
    // Each operation takes effect at one instant inside a random [call, ret] window.
    for (let i = 0; i < 3000; i++) {
      const key = `k${Math.floor(random() * 5)}`;
      const at = (t += 1 + Math.floor(random() * 3));
      const call = at - Math.floor(random() * 20);
      const ret = at + Math.floor(random() * 20);
      if (random() < 0.5) {
        store.set(key, `v${i}`);
        ops.push({ client: `c${i % 10}`, key, kind: 'put', value: `v${i}`, call, ret: random() < 0.05 ? undefined : ret });
      } else {
        ops.push({ client: `c${i % 10}`, key, kind: 'get', output: store.get(key) ?? null, call, ret });
      }
    }
    expect(checkKv(ops).ok).toBe(true);
    const reads = ops.filter((o) => o.kind === 'get' && o.output !== null && o.ret !== undefined);
    const victim = reads[Math.floor(reads.length / 2)];
    victim.output = 'never-written';
    expect(checkKv(ops)).toMatchObject({ ok: false, key: victim.key });
  });
});
