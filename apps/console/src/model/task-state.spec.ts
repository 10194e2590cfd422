import { describe, expect, it } from 'vitest';
import { quorumHealth } from './quorum';
import { groupBySlot } from './slots';

describe('quorumHealth', () => {
  const m = (reachable: boolean) => ({ reachable });
  it('has quorum with a majority reachable and a leader', () => {
    expect(quorumHealth({ leader: 'a', members: [m(true), m(true), m(false)] })).toMatchObject({ needed: 2, reachable: 2, tolerates: 0, healthy: true });
  });
  it('has none without a majority or without a leader', () => {
    expect(quorumHealth({ leader: 'a', members: [m(true), m(false), m(false)] }).healthy).toBe(false);
    expect(quorumHealth({ leader: null, members: [m(true)] }).healthy).toBe(false);
  });
});

describe('groupBySlot', () => {
  it('puts the running task of each slot first and its history after, newest first', () => {
    const slots = groupBySlot([
      { id: 'a', slot: 2, desiredState: 'SHUTDOWN' as const, createdAt: '2026-01-01T00:00:00Z' },
      { id: 'b', slot: 1, desiredState: 'RUNNING' as const, createdAt: '2026-01-01T00:00:01Z' },
      { id: 'c', slot: 2, desiredState: 'RUNNING' as const, createdAt: '2026-01-01T00:00:02Z' },
      { id: 'd', slot: 2, desiredState: 'SHUTDOWN' as const, createdAt: '2026-01-01T00:00:01Z' },
    ]);
    expect(slots.map((s) => [s.slot, s.current?.id, s.history.map((h) => h.id)])).toEqual([
      [1, 'b', []],
      [2, 'c', ['d', 'a']],
    ]);
  });
});
