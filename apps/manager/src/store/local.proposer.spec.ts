import { StoreFixture } from '../testing/store.fixture';

describe('LocalProposer with SQLite', () => {
  it('makes acknowledged changes durable: a reopened store has exactly them', async () => {
    const f = await StoreFixture.open();
    await f.service('a', { replicas: 2 });
    await f.service('b');
    await f.proposer.propose([{ op: 'remove', kind: 'service', id: 'b' }]);
    const index = f.store.appliedIndex;
    await f.close(false);

    const g = await StoreFixture.open(f.dir);
    expect(g.store.appliedIndex).toBe(index);
    expect(g.store.services().map((s) => [s.id, s.spec.replicas, s.version])).toEqual([['a', 2, 1]]);
    await g.close();
  });

  it('commits concurrent proposals in order and rejects only the failing one', async () => {
    const f = await StoreFixture.open();
    const results = await Promise.allSettled([f.service('a'), f.service('dup', { name: 'a' }), f.service('c')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    expect(
      f.store
        .services()
        .map((s) => s.id)
        .sort(),
    ).toEqual(['a', 'c']);
    expect(f.store.appliedIndex).toBe(2);
    await f.close(false);
    const g = await StoreFixture.open(f.dir);
    expect(
      g.store
        .services()
        .map((s) => s.id)
        .sort(),
    ).toEqual(['a', 'c']);
    await g.close();
  });

  it('tells watchers about every applied entry, in order, once it is durable', async () => {
    const f = await StoreFixture.open();
    const seen: number[] = [];
    f.store.watch((set) => seen.push(set.index));
    await Promise.all([f.service('a'), f.service('b'), f.service('c')]);
    expect(seen).toEqual([1, 2, 3]);
    await f.close();
  });
});
