/**
 * Parsing of the kernel's /proc/stat and /proc/meminfo (proc(5)). Pure functions: the
 * sampler reads the files, these turn their text into numbers.
 */

/** Cumulative CPU time of all CPUs, in clock ticks, from the aggregate `cpu` line. */
export interface CpuTimes {
  /** Ticks spent idle or waiting for I/O. */
  idle: number;
  /** Ticks in every state (guest time is already counted in user and nice, so not again). */
  total: number;
}

/** The aggregate `cpu  user nice system idle iowait irq softirq steal guest guest_nice` line. */
export function parseCpuTimes(procStat: string): CpuTimes {
  const line = procStat.split('\n').find((l) => /^cpu\s/.test(l));
  if (!line) throw new Error('/proc/stat has no aggregate "cpu" line');
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  if (f.length < 4 || f.some((n) => !Number.isFinite(n))) throw new Error(`/proc/stat: cannot read ${JSON.stringify(line)}`);
  const [user, nice, system, idle, iowait = 0, irq = 0, softirq = 0, steal = 0] = f;
  return { idle: idle + iowait, total: user + nice + system + idle + iowait + irq + softirq + steal };
}

/** CPUs listed in /proc/stat (`cpu0`, `cpu1`...). */
export function countCpus(procStat: string): number {
  return procStat.split('\n').filter((l) => /^cpu\d+\s/.test(l)).length;
}

/** Busy share of CPU time between two readings, 0–100; 0 when no time passed. */
export function cpuPercent(prev: CpuTimes, next: CpuTimes): number {
  const total = next.total - prev.total;
  const idle = next.idle - prev.idle;
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, ((total - idle) / total) * 100));
}

export interface Memory {
  totalBytes: number;
  availableBytes: number;
}

/** MemTotal and MemAvailable (kernels before 3.14 lack MemAvailable: free + buffers + cached then). */
export function parseMeminfo(meminfo: string): Memory {
  const kb = new Map<string, number>();
  for (const line of meminfo.split('\n')) {
    const m = /^(\w+):\s+(\d+)(?:\s+kB)?$/.exec(line.trim());
    if (m) kb.set(m[1], Number(m[2]));
  }
  const total = kb.get('MemTotal');
  if (total === undefined) throw new Error('/proc/meminfo has no MemTotal');
  const available = kb.get('MemAvailable') ?? (kb.get('MemFree') ?? 0) + (kb.get('Buffers') ?? 0) + (kb.get('Cached') ?? 0);
  return { totalBytes: total * 1024, availableBytes: Math.min(total, available) * 1024 };
}
