import type { UsageSample } from '@shoal/protocol';

/** A sample of a node or of the whole cluster; `nodeCount` is 1 for a node. */
export interface MetricSample extends UsageSample {
  nodeCount: number;
}

/**
 * The cluster's usage from its nodes' latest samples: memory adds up; the CPU share is
 * weighted by each node's CPUs (two busy CPUs of eight are 25 %, whichever nodes they are on).
 */
export function clusterUsage(latest: UsageSample[], sampledAt: string): MetricSample | undefined {
  if (latest.length === 0) return undefined;
  const cpus = latest.reduce((n, s) => n + s.cpus, 0);
  const busy = latest.reduce((n, s) => n + (s.cpuPercent * s.cpus) / 100, 0);
  return {
    cpuPercent: cpus > 0 ? Math.round((busy / cpus) * 1000) / 10 : 0,
    memoryUsedBytes: latest.reduce((n, s) => n + s.memoryUsedBytes, 0),
    memoryTotalBytes: latest.reduce((n, s) => n + s.memoryTotalBytes, 0),
    cpus,
    sampledAt,
    nodeCount: latest.length,
  };
}
