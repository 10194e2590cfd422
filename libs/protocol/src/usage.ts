/**
 * A node's resource use at one moment, as its agent measured it (docs/design/metrics.md).
 * Sent in a `usage` message every SHOAL_METRICS_INTERVAL_MS; a lost one is simply a gap.
 */
export interface UsageSample {
  /** Share of all the host's CPUs busy since the previous sample, 0–100. */
  cpuPercent: number;
  /** MemTotal − MemAvailable, in bytes. */
  memoryUsedBytes: number;
  /** MemTotal, in bytes. */
  memoryTotalBytes: number;
  /** Logical CPUs the percentage is taken over. */
  cpus: number;
  /** ISO time of the measurement (the end of the CPU interval); the leader keeps its own receipt time instead. */
  sampledAt: string;
}

export interface UsageMessage {
  type: 'usage';
  sample: UsageSample;
}

/** A sample from the wire, checked: numbers in range, a parsable time; otherwise undefined. */
export function parseUsageSample(value: unknown): UsageSample | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const finite = (x: unknown, max: number): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= max;
  if (!finite(v.cpuPercent, 100) || !finite(v.memoryUsedBytes, 2 ** 62) || !finite(v.memoryTotalBytes, 2 ** 62) || !finite(v.cpus, 1_000_000)) return undefined;
  if (v.memoryUsedBytes > v.memoryTotalBytes || typeof v.sampledAt !== 'string' || Number.isNaN(Date.parse(v.sampledAt))) return undefined;
  return {
    cpuPercent: v.cpuPercent,
    memoryUsedBytes: v.memoryUsedBytes,
    memoryTotalBytes: v.memoryTotalBytes,
    cpus: v.cpus,
    sampledAt: new Date(v.sampledAt).toISOString(),
  };
}
