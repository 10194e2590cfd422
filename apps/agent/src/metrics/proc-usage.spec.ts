import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countCpus, cpuPercent, parseCpuTimes, parseMeminfo } from './proc-usage';
import { UsageSampler } from './usage.sampler';

const STAT = (user: number, idle: number) =>
  `cpu  ${user} 0 100 ${idle} 50 0 10 0 0 0\ncpu0 1 0 1 1 0 0 0 0 0 0\ncpu1 1 0 1 1 0 0 0 0 0 0\nintr 1 2 3\nctxt 99\n`;
const MEMINFO = 'MemTotal:       24684084 kB\nMemFree:         1000000 kB\nMemAvailable:   22384672 kB\nBuffers:          100 kB\n';

describe('/proc parsing', () => {
  it('reads idle (idle + iowait) and total ticks from the aggregate cpu line, and counts the CPUs', () => {
    expect(parseCpuTimes(STAT(1000, 5000))).toEqual({ idle: 5050, total: 1000 + 100 + 5000 + 50 + 10 });
    expect(countCpus(STAT(1, 1))).toBe(2);
  });

  it('computes the busy share between two readings, and 0 when no time passed', () => {
    const a = parseCpuTimes(STAT(1000, 5000));
    const b = parseCpuTimes(STAT(1300, 5100)); // 300 busy of 400 ticks
    expect(cpuPercent(a, b)).toBe(75);
    expect(cpuPercent(b, b)).toBe(0);
  });

  it('reads MemTotal and MemAvailable in bytes, with the old-kernel fallback', () => {
    expect(parseMeminfo(MEMINFO)).toEqual({ totalBytes: 24684084 * 1024, availableBytes: 22384672 * 1024 });
    expect(parseMeminfo('MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 250 kB\n')).toEqual({ totalBytes: 1024000, availableBytes: 400 * 1024 });
  });

  it('refuses text that is not /proc', () => {
    expect(() => parseCpuTimes('intr 1 2\n')).toThrow(/no aggregate "cpu" line/);
    expect(() => parseMeminfo('MemFree: 1 kB\n')).toThrow(/no MemTotal/);
  });
});

describe('UsageSampler', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'shoal-proc-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes a baseline first, then samples CPU from the difference and memory used as total minus available', async () => {
    const sampler = new UsageSampler({ intervalMs: 1000, onSample: () => undefined, log: { warn: () => undefined }, procDir: dir });
    writeFileSync(join(dir, 'meminfo'), MEMINFO);
    writeFileSync(join(dir, 'stat'), STAT(1000, 5000));
    expect(await sampler.sample()).toBeUndefined();
    writeFileSync(join(dir, 'stat'), STAT(1100, 5300)); // 100 busy of 400
    const s = await sampler.sample();
    expect(s).toMatchObject({ cpuPercent: 25, cpus: 2, memoryTotalBytes: 24684084 * 1024, memoryUsedBytes: (24684084 - 22384672) * 1024 });
    expect(Date.parse(s?.sampledAt ?? '')).not.toBeNaN();
  });

  it('samples the real host: a percentage and memory within the total', async () => {
    const sampler = new UsageSampler({ intervalMs: 1000, onSample: () => undefined, log: { warn: () => undefined } });
    await sampler.sample();
    await new Promise((r) => setTimeout(r, 200));
    const s = await sampler.sample();
    expect(s?.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(s?.cpuPercent).toBeLessThanOrEqual(100);
    expect(s?.memoryUsedBytes).toBeGreaterThan(0);
    expect(s?.memoryUsedBytes).toBeLessThan(s?.memoryTotalBytes ?? 0);
    expect(s?.cpus).toBeGreaterThan(0);
  });

  it('warns once while /proc cannot be read, and does not send', async () => {
    const warnings: string[] = [];
    const samples: unknown[] = [];
    const sampler = new UsageSampler({
      intervalMs: 1000,
      onSample: (x) => samples.push(x),
      log: { warn: (m) => warnings.push(m) },
      procDir: join(dir, 'missing'),
    });
    sampler.start();
    await (sampler as unknown as { tick(): Promise<void> }).tick();
    await (sampler as unknown as { tick(): Promise<void> }).tick();
    sampler.stop();
    expect(samples).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cannot measure host usage/);
  });
});
