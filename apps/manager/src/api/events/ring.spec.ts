import { EventRing } from './ring';

const at = (index: number, position = 0) => ({ pos: { index, position } });
const indexes = (list: { pos: { index: number; position: number } }[] | null) => list?.map((e) => `${e.pos.index}.${e.pos.position}`) ?? null;

describe('EventRing', () => {
  it('gives the events after a position, oldest first', () => {
    const ring = new EventRing(10, { index: 4, position: Number.MAX_SAFE_INTEGER });
    [at(5), at(5, 1), at(7), at(8, 2)].forEach((e) => ring.push(e));
    expect(indexes(ring.after({ index: 5, position: 0 }))).toEqual(['5.1', '7.0', '8.2']);
    expect(indexes(ring.after({ index: 8, position: 2 }))).toEqual([]);
    expect(indexes(ring.after({ index: 4, position: Number.MAX_SAFE_INTEGER }))).toEqual(['5.0', '5.1', '7.0', '8.2']);
  });

  it('refuses a position from before it started: those events were never seen', () => {
    const ring = new EventRing(10, { index: 4, position: Number.MAX_SAFE_INTEGER });
    ring.push(at(5));
    expect(ring.after({ index: 3, position: 0 })).toBeNull();
  });

  it('keeps only the last `size` events and refuses positions older than what it dropped', () => {
    const ring = new EventRing(3, { index: 0, position: Number.MAX_SAFE_INTEGER });
    for (let i = 1; i <= 10; i++) ring.push(at(i));
    expect(ring.length).toBe(3);
    expect(indexes(ring.after({ index: 7, position: 0 }))).toEqual(['8.0', '9.0', '10.0']);
    expect(ring.after({ index: 6, position: 0 })).toBeNull();
  });

  it('after clear, knows only what comes after the new floor', () => {
    const ring = new EventRing(3, { index: 0, position: Number.MAX_SAFE_INTEGER });
    ring.push(at(1));
    ring.clear({ index: 50, position: Number.MAX_SAFE_INTEGER });
    ring.push(at(51));
    expect(ring.after({ index: 1, position: 0 })).toBeNull();
    expect(indexes(ring.after({ index: 50, position: Number.MAX_SAFE_INTEGER }))).toEqual(['51.0']);
  });
});
