import { TestRedis, startRedis, waitFor } from '@shoal/testing';
import type { ManagerConfig } from '../config';
import { StoreFixture } from '../testing/store.fixture';
import { MetricsService } from './metrics.service';

const GiB = 2 ** 30;
const sample = (cpuPercent: number, usedGiB: number, cpus = 2) => ({
  cpuPercent,
  memoryUsedBytes: usedGiB * GiB,
  memoryTotalBytes: 4 * GiB,
  cpus,
  sampledAt: '2020-01-01T00:00:00.000Z', // a host clock far behind: the leader's clock counts
});

/** The leader's side of metrics, on a real store and a redis-server of this test's own. */
describe('MetricsService', () => {
  let redis: TestRedis;
  let f: StoreFixture;
  let metrics: MetricsService;
  let now = Date.parse('2026-11-30T08:00:00Z');

  beforeAll(async () => {
    redis = await startRedis();
    f = await StoreFixture.open();
    await f.cluster();
    await f.node('n1');
    await f.node('n2', {
      description: { hostname: 'b', cpus: 6, memoryBytes: GiB, os: 'linux', arch: 'amd64', engineVersion: '20.10', engineLabels: {}, labels: {} },
    });
    await f.node('down', { status: { state: 'DOWN', message: '', addr: '', timestamp: '' } });
    const config = { metrics: { redisUrl: redis.url, retentionSeconds: 3600, intervalMs: 1000 } } as ManagerConfig;
    metrics = new MetricsService(f.store, config);
    metrics.now = () => now;
    await waitFor('Redis', () => metrics.status === 'AVAILABLE', 10_000, 20);
  });
  afterAll(async () => {
    metrics?.onModuleDestroy();
    await f?.close();
    await redis?.stop();
  });

  it("keeps each node's latest sample and its series, timed by the leader's clock", async () => {
    metrics.record('n1', sample(10, 1));
    now += 1000;
    metrics.record('n1', sample(20, 2));
    metrics.record('n1', { cpuPercent: 'lots' }); // malformed: dropped
    metrics.record('n1', { ...sample(20, 2), memoryUsedBytes: 5 * GiB }); // used > total: dropped
    expect(await metrics.nodeUsage('n1')).toMatchObject({ cpuPercent: 20, sampledAt: new Date(now).toISOString(), nodeCount: 1 });
    const h = await waitFor('the appends', async () => {
      const r = await metrics.nodeHistory('n1', now - 60_000);
      return r.samples.length === 2 ? r : undefined;
    });
    expect(h).toMatchObject({ status: 'AVAILABLE', samples: [{ cpuPercent: 10 }, { cpuPercent: 20 }] });
  });

  it('adds a cluster sample from the ready nodes that reported within three intervals', async () => {
    metrics.record('n2', sample(100, 3, 6));
    metrics.record('down', sample(50, 1)); // a DOWN node does not count
    await metrics.aggregate();
    expect(await metrics.clusterUsage()).toMatchObject({ nodeCount: 2, cpus: 8, cpuPercent: 80, memoryUsedBytes: 5 * GiB, memoryTotalBytes: 8 * GiB });

    now += 3500; // n1 and n2 fall silent
    metrics.record('n2', sample(0, 1, 6));
    await metrics.aggregate();
    expect(await metrics.clusterUsage()).toMatchObject({ nodeCount: 1, cpuPercent: 0 });
    expect((await metrics.clusterHistory(now - 60_000)).samples.map((s) => s.nodeCount)).toEqual([2, 1]);
  });

  it('keeps counting a node whose agent samples less often than the manager, within three of its intervals', async () => {
    await f.node('slow');
    metrics.record('slow', sample(0, 1));
    now += 10_000;
    metrics.record('slow', sample(0, 1));
    now += 20_000; // n2 (3.5 s apart) is stale; slow (10 s apart) is not
    await metrics.aggregate();
    expect(await metrics.clusterUsage()).toMatchObject({ nodeCount: 1, cpus: 2 });
    now += 11_000;
    await metrics.aggregate();
    expect(await metrics.clusterUsage()).toBeNull();
  });

  it('after losing leadership, reads the latest sample from Redis', async () => {
    metrics.forget();
    expect(await metrics.nodeUsage('n1')).toMatchObject({ cpuPercent: 20 });
    expect(await metrics.clusterUsage()).toMatchObject({ nodeCount: 1, cpus: 2 }); // the last the leader wrote
    expect(await metrics.nodeUsage('nobody')).toBeNull();
  });

  it('without Redis: history is UNAVAILABLE and empty, the leader still knows the latest, nothing throws', async () => {
    await redis.stop();
    await waitFor('the outage to be seen', () => metrics.status === 'UNAVAILABLE', 10_000, 20);
    metrics.record('n1', sample(42, 1));
    await metrics.aggregate();
    expect(await metrics.nodeUsage('n1')).toMatchObject({ cpuPercent: 42 });
    expect(await metrics.nodeHistory('n1', now - 60_000)).toEqual({ status: 'UNAVAILABLE', samples: [] });
    expect(await metrics.clusterHistory(now - 60_000)).toEqual({ status: 'UNAVAILABLE', samples: [] });
  });
});
