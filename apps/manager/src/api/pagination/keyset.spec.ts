import { ShoalError } from '../../common/errors';
import { type Key, type Page, decodeCursor, encodeCursor, keysetPage } from './keyset';

interface Item {
  id: string;
  name: string;
}
const keyOf = (i: Item): Key => [i.name, i.id];
const item = (name: string, id = `id-${name}`): Item => ({ id, name });

/** Every item from the first page to the last, following nextCursor, with `between` run between pages. */
function all(list: Item[], first: number, between: (pageNo: number) => void = () => undefined): Item[] {
  const seen: Item[] = [];
  let page: Page<Item> | undefined;
  for (let n = 0; n === 0 || page?.nextCursor; n++) {
    if (n > 0) between(n);
    page = keysetPage('things', list, keyOf, { first, after: page?.nextCursor });
    seen.push(...page.items);
  }
  return seen;
}

function badInputOf(f: () => unknown): { field?: string; message: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof ShoalError && e.code === 'BAD_USER_INPUT') return { field: e.field, message: e.message };
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('keysetPage', () => {
  const names = Array.from({ length: 23 }, (_, i) => `svc-${String(i).padStart(2, '0')}`);

  it('returns every item exactly once, in key order, whatever the page size', () => {
    const list = [...names].reverse().map((n) => item(n));
    for (const first of [1, 2, 5, 22, 23, 500]) expect(all(list, first).map((i) => i.name)).toEqual(names);
  });

  it('counts every matching item on every page and ends with a null cursor', () => {
    const list = names.map((n) => item(n));
    const p1 = keysetPage('things', list, keyOf, { first: 10 });
    expect(p1.totalCount).toBe(23);
    const p3 = keysetPage('things', list, keyOf, { first: 10, after: keysetPage('things', list, keyOf, { first: 10, after: p1.nextCursor }).nextCursor });
    expect([p3.items.length, p3.totalCount, p3.nextCursor]).toEqual([3, 23, null]);
    expect(keysetPage('things', [], keyOf, {})).toEqual({ items: [], nextCursor: null, totalCount: 0 });
  });

  it('neither repeats nor skips items present throughout when others are inserted or removed between pages', () => {
    const list = names.filter((_, i) => i % 2 === 0).map((n) => item(n));
    const stable = list.map((i) => i.name);
    const seen = all(list, 3, (n) => {
      list.push(item(`svc-${String(n).padStart(2, '0')}a`)); // inserted before and after the cursor
      list.push(item(`aaa-${n}`));
      if (n === 2)
        list.splice(
          list.findIndex((i) => i.name === 'svc-00'),
          1,
        ); // already returned
    });
    const names2 = seen.map((i) => i.name);
    expect(new Set(names2).size).toBe(names2.length);
    for (const n of stable) expect(names2).toContain(n);
    expect(names2.filter((n) => n.startsWith('aaa-'))).toEqual([]); // inserted before the cursor: not seen this pass
  });

  it('continues after a cursor whose item was removed', () => {
    const list = names.map((n) => item(n));
    const p1 = keysetPage('things', list, keyOf, { first: 5 });
    list.splice(4, 1); // svc-04, the last of page 1
    expect(keysetPage('things', list, keyOf, { first: 2, after: p1.nextCursor }).items.map((i) => i.name)).toEqual(['svc-05', 'svc-06']);
  });

  it('orders equal names by id', () => {
    const list = [item('same', 'b'), item('same', 'a'), item('same', 'c')];
    expect(all(list, 1).map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });

  it('pages a filtered list: the filter applies before paging', () => {
    const list = names.map((n) => item(n)).filter((i) => i.name.endsWith('1'));
    const p = keysetPage('things', list, keyOf, { first: 2 });
    expect([p.items.map((i) => i.name), p.totalCount]).toEqual([['svc-01', 'svc-11'], 3]);
  });

  it('refuses first out of range, naming it', () => {
    for (const first of [0, -1, 501, 1.5]) expect(badInputOf(() => keysetPage('things', [], keyOf, { first })).field).toBe('first');
  });

  it('refuses a malformed cursor and a cursor of another list, naming after', () => {
    for (const after of ['nonsense', '', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('["things"]').toString('base64url')]) {
      expect(badInputOf(() => keysetPage('things', [], keyOf, { after })).field).toBe('after');
    }
    const foreign = badInputOf(() => keysetPage('things', [], keyOf, { after: encodeCursor('users', ['x', 'y']) }));
    expect(foreign).toEqual({ field: 'after', message: expect.stringContaining('another list') });
  });

  it('round-trips a key through an opaque cursor', () => {
    const c = encodeCursor('tasks', ['web', 3, -1700000000000, 'id']);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('tasks', c)).toEqual(['web', 3, -1700000000000, 'id']);
  });
});
