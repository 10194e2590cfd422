import { TestRedis, startRedis, waitFor } from '@shoal/testing';
import { MAX_SAMPLES, RedisSeries } from './redis-series';

/** Against a real redis-server of this test's own (never the shared one on 6379). */
describe('RedisSeries', () => {
  let redis: TestRedis;
  let series: RedisSeries;
  const logs: string[] = [];
  const log = { log: (m: string) => logs.push(`LOG ${m}`), warn: (m: string) => logs.push(`WARN ${m}`) };
  beforeAll(async () => {
    redis = await startRedis();
    series = new RedisSeries({ url: redis.url, retentionSeconds: 60, log });
    await waitFor('the client to connect', () => series.available, 10_000, 20);
  });
  afterAll(async () => {
    series?.close();
    await redis?.stop();
  });

  it('keeps samples in time order and reads those since a time', async () => {
    const now = Date.now();
    for (const [i, t] of [now - 3000, now - 1000, now - 2000].entries()) expect(await series.append('s1', t, { i, t })).toBe(true);
    expect(await series.range('s1', now - 2500)).toEqual([
      { i: 2, t: now - 2000 },
      { i: 1, t: now - 1000 },
    ]);
    expect(await series.last('s1')).toEqual({ i: 1, t: now - 1000 });
    expect(await series.range('empty', 0)).toEqual([]);
    expect(await series.last('empty')).toBeUndefined();
  });

  it('drops samples older than the retention when appending', async () => {
    const now = Date.now();
    await series.append('s2', now - 61_000, { age: 61 });
    await series.append('s2', now - 30_000, { age: 30 });
    await series.append('s2', now, { age: 0 });
    expect(await series.range('s2', 0)).toEqual([{ age: 30 }, { age: 0 }]);
  });

  it('keeps at most MAX_SAMPLES per series', async () => {
    const now = Date.now();
    for (let i = 0; i < MAX_SAMPLES + 10; i += 500) await Promise.all(Array.from({ length: 500 }, (_, j) => series.append('s3', now - 50_000 + i + j, i + j)));
    const all = await series.range<number>('s3', 0);
    expect(all).toHaveLength(MAX_SAMPLES);
    expect(all?.[0]).toBe(500); // the oldest went
  });

  it('answers at once while Redis is down, logs the outage once, and resumes by itself', async () => {
    logs.length = 0;
    await redis.stop();
    await waitFor('the client to notice', () => !series.available, 10_000, 20);
    expect(await series.append('s4', Date.now(), 1)).toBe(false);
    expect(await series.range('s4', 0)).toBeUndefined();
    expect(await series.last('s4')).toBeUndefined();
    await new Promise((r) => setTimeout(r, 1500)); // several reconnect attempts fail meanwhile
    expect(logs.filter((l) => l.startsWith('WARN'))).toHaveLength(1);
    expect(logs[0]).toMatch(/^WARN Redis at 127\.0\.0\.1:\d+ is unreachable/);

    await redis.start();
    await waitFor('the client to reconnect', () => series.available, 15_000, 50);
    expect(await series.append('s4', Date.now(), 2)).toBe(true);
    expect(await series.range('s4', 0)).toEqual([2]);
    expect(logs.filter((l) => l.startsWith('WARN'))).toHaveLength(1);
    expect(logs[logs.length - 1]).toMatch(/^LOG Redis at .* is back/);
  });
});
