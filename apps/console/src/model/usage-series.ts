import { formatBytes } from './format';

/** One sample as the API gives it (MetricSample). */
export interface UsageSampleData {
  cpuPercent: number;
  memoryUsedBytes: number;
  memoryTotalBytes: number;
  sampledAt: string;
}

/** A point of a usage chart: time in ms, CPU and memory as percentages. */
export interface UsagePoint {
  t: number;
  cpu: number;
  memory: number;
}

/** Samples → chart points, oldest first; unreadable times and empty totals are skipped. */
export function toPoints(samples: readonly UsageSampleData[]): UsagePoint[] {
  return samples
    .map((s) => ({
      t: Date.parse(s.sampledAt),
      cpu: clamp(s.cpuPercent),
      memory: s.memoryTotalBytes > 0 ? clamp((s.memoryUsedBytes / s.memoryTotalBytes) * 100) : NaN,
    }))
    .filter((p) => Number.isFinite(p.t) && Number.isFinite(p.memory))
    .sort((a, b) => a.t - b.t);
}

/**
 * SVG polyline coordinates for one measure over a time window: x from `from` to `to`
 * across `width`, y from 100 % at the top to 0 % at `height`.
 */
export function polyline(points: readonly UsagePoint[], measure: 'cpu' | 'memory', from: number, to: number, width: number, height: number): string {
  const span = Math.max(1, to - from);
  return points
    .filter((p) => p.t >= from && p.t <= to)
    .map((p) => `${round(((p.t - from) / span) * width)},${round(height - (p[measure] / 100) * height)}`)
    .join(' ');
}

/** A sentence for the chart's text alternative: latest values, and the range over the window. */
export function describeUsage(points: readonly UsagePoint[], latest: UsageSampleData | null | undefined): string {
  if (!latest) return 'No samples yet.';
  const now = `CPU ${pct(latest.cpuPercent)}, memory ${formatBytes(latest.memoryUsedBytes)} of ${formatBytes(latest.memoryTotalBytes)} used (${pct((latest.memoryUsedBytes / (latest.memoryTotalBytes || 1)) * 100)})`;
  if (points.length < 2) return `${now}.`;
  const cpu = points.map((p) => p.cpu);
  const mem = points.map((p) => p.memory);
  return `${now}; over the last ${minutes(points[points.length - 1].t - points[0].t)}: CPU ${pct(Math.min(...cpu))}–${pct(Math.max(...cpu))}, memory ${pct(Math.min(...mem))}–${pct(Math.max(...mem))}.`;
}

export const pct = (n: number): string => `${n.toFixed(1)} %`;

function minutes(ms: number): string {
  const m = Math.max(1, Math.round(ms / 60_000));
  return m === 1 ? 'minute' : `${m} minutes`;
}

const clamp = (n: number): number => Math.min(100, Math.max(0, n));
const round = (n: number): number => Math.round(n * 10) / 10;
