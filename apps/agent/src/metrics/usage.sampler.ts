import { readFile } from 'node:fs/promises';
import type { UsageSample } from '@shoal/protocol';
import { CpuTimes, countCpus, cpuPercent, parseCpuTimes, parseMeminfo } from './proc-usage';

export interface SamplerOptions {
  intervalMs: number;
  onSample: (sample: UsageSample) => void;
  log: { warn(m: string): void };
  /** Where /proc is (tests point it at a folder of their own). */
  procDir?: string;
}

/**
 * Measures the host every `intervalMs`: CPU from the difference of two /proc/stat
 * readings, memory from /proc/meminfo. The first reading only sets the baseline. A
 * failed reading is reported once and retried on the next tick.
 */
export class UsageSampler {
  private timer: NodeJS.Timeout | undefined;
  private prev: CpuTimes | undefined;
  private failing = false;

  constructor(private readonly o: SamplerOptions) {}

  start(): void {
    if (this.timer) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.o.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One measurement; undefined for the baseline reading or when /proc cannot be read. */
  async sample(): Promise<UsageSample | undefined> {
    const dir = this.o.procDir ?? '/proc';
    const [stat, meminfo] = await Promise.all([readFile(`${dir}/stat`, 'utf8'), readFile(`${dir}/meminfo`, 'utf8')]);
    const times = parseCpuTimes(stat);
    const memory = parseMeminfo(meminfo);
    const prev = this.prev;
    this.prev = times;
    if (!prev) return undefined;
    return {
      cpuPercent: Math.round(cpuPercent(prev, times) * 10) / 10,
      memoryUsedBytes: memory.totalBytes - memory.availableBytes,
      memoryTotalBytes: memory.totalBytes,
      cpus: countCpus(stat),
      sampledAt: new Date().toISOString(),
    };
  }

  private async tick(): Promise<void> {
    try {
      const s = await this.sample();
      this.failing = false;
      if (s) this.o.onSample(s);
    } catch (err) {
      if (!this.failing) this.o.log.warn(`cannot measure host usage: ${(err as Error).message}; retrying every ${this.o.intervalMs} ms`);
      this.failing = true;
    }
  }
}
