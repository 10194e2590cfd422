import { sinceMs } from '../api/metrics-since';
import { clusterUsage } from './cluster-usage';

const node = (cpuPercent: number, cpus: number, used: number, total: number) => ({
  cpuPercent,
  cpus,
  memoryUsedBytes: used,
  memoryTotalBytes: total,
  sampledAt: 'x',
});

describe('clusterUsage', () => {
  it('adds memory up and weighs CPU by each node’s CPUs', () => {
    expect(clusterUsage([node(100, 2, 1, 4), node(0, 6, 3, 12)], 'T')).toEqual({
      cpuPercent: 25,
      cpus: 8,
      memoryUsedBytes: 4,
      memoryTotalBytes: 16,
      nodeCount: 2,
      sampledAt: 'T',
    });
  });
  it('has nothing to say without samples', () => {
    expect(clusterUsage([], 'T')).toBeUndefined();
  });
});

describe('since of a history query', () => {
  const now = Date.parse('2026-11-30T08:00:00Z');
  it('defaults to the last 15 minutes, or the retention when shorter', () => {
    expect(sinceMs(undefined, 3600, now)).toBe(now - 15 * 60_000);
    expect(sinceMs(null, 600, now)).toBe(now - 600_000);
  });
  it('takes an ISO time within the retention', () => {
    expect(sinceMs('2026-11-30T07:30:00Z', 3600, now)).toBe(now - 30 * 60_000);
  });
  it('refuses anything else with BAD_USER_INPUT on since', () => {
    for (const [since, message] of [
      ['yesterday', /ISO 8601/],
      ['1764489600000', /ISO 8601/],
      ['2026-11-30T05:00:00Z', /within the last 3600 s/],
      ['2026-11-30T09:00:00Z', /future/],
    ] as const) {
      expect(() => sinceMs(since, 3600, now)).toThrow(
        expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'since', message: expect.stringMatching(message) }),
      );
    }
  });
});
