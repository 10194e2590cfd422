import { describe, expect, it } from 'vitest';
import { describeUsage, polyline, toPoints } from './usage-series';

const GiB = 1024 ** 3;
const s = (sampledAt: string, cpuPercent: number, usedGiB: number, totalGiB = 8) => ({
  sampledAt,
  cpuPercent,
  memoryUsedBytes: usedGiB * GiB,
  memoryTotalBytes: totalGiB * GiB,
});

describe('usage series', () => {
  it('turns samples into percentage points in time order, skipping unreadable ones', () => {
    expect(toPoints([s('2026-11-30T08:00:10Z', 50, 4), s('2026-11-30T08:00:00Z', 120, 2), s('garbage', 1, 1), s('2026-11-30T08:00:20Z', 5, 0, 0)])).toEqual([
      { t: Date.parse('2026-11-30T08:00:00Z'), cpu: 100, memory: 25 },
      { t: Date.parse('2026-11-30T08:00:10Z'), cpu: 50, memory: 50 },
    ]);
  });

  it('draws a measure across the window: time left to right, 100 % at the top', () => {
    const from = Date.parse('2026-11-30T08:00:00Z');
    const points = toPoints([
      s('2026-11-30T07:59:00Z', 10, 1),
      s('2026-11-30T08:00:00Z', 0, 8),
      s('2026-11-30T08:00:05Z', 50, 4),
      s('2026-11-30T08:00:10Z', 100, 2),
    ]);
    expect(polyline(points, 'cpu', from, from + 10_000, 300, 80)).toBe('0,80 150,40 300,0');
    expect(polyline(points, 'memory', from, from + 10_000, 300, 80)).toBe('0,0 150,40 300,60');
    expect(polyline([], 'cpu', from, from + 10_000, 300, 80)).toBe('');
  });

  it('says the latest figures and the range over the window in words', () => {
    const points = toPoints([s('2026-11-30T08:00:00Z', 10, 2), s('2026-11-30T08:05:00Z', 30, 6)]);
    expect(describeUsage(points, s('2026-11-30T08:05:00Z', 30, 6))).toBe(
      'CPU 30.0 %, memory 6.0 GiB of 8.0 GiB used (75.0 %); over the last 5 minutes: CPU 10.0 %–30.0 %, memory 25.0 %–75.0 %.',
    );
    expect(describeUsage([], null)).toBe('No samples yet.');
    expect(describeUsage(points.slice(0, 1), s('2026-11-30T08:00:00Z', 10, 2))).toBe('CPU 10.0 %, memory 2.0 GiB of 8.0 GiB used (25.0 %).');
  });
});
