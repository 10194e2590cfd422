import { rmSync } from 'node:fs';
import {
  AgentHandle,
  ManagerGroup,
  SLEEPER_ARGS,
  TEST_IMAGE,
  TestCluster,
  TestRedis,
  agentProcess,
  sleep,
  startCluster,
  startManagers,
  startRedis,
  waitFor,
} from '@shoal/testing';

interface Sample {
  cpuPercent: number;
  memoryUsedBytes: number;
  memoryTotalBytes: number;
  cpus: number;
  nodeCount: number;
  sampledAt: string;
}
const SAMPLE = 'cpuPercent memoryUsedBytes memoryTotalBytes cpus nodeCount sampledAt';
const QUERY = `query($since: String) {
  cluster { usage { ${SAMPLE} } }
  clusterMetrics(since: $since) { status retentionSeconds samples { ${SAMPLE} } }
  nodes { items { id usage { ${SAMPLE} } metrics(since: $since) { ${SAMPLE} } } }
}`;
interface Answer {
  cluster: { usage: Sample | null };
  clusterMetrics: { status: string; retentionSeconds: number; samples: Sample[] };
  nodes: { items: { id: string; usage: Sample | null; metrics: Sample[] }[] };
}

/**
 * CPU and memory of a real node, sampled by the real agent, kept by a real manager in a
 * redis-server this test starts (and stops: never the shared one on 6379).
 */
describe('metrics on the real engine', () => {
  let redis: TestRedis;
  let c: TestCluster;
  const since = new Date(Date.now() - 60_000).toISOString();
  const read = async () => c.api.must<Answer>(QUERY, { since });

  beforeAll(async () => {
    redis = await startRedis();
    c = await startCluster({
      manager: { SHOAL_REDIS_URL: redis.url, SHOAL_METRICS_INTERVAL_MS: '1000' },
      agent: { SHOAL_METRICS_INTERVAL_MS: '1000' },
    });
  });
  afterAll(async () => {
    await c?.stop();
    await redis?.stop();
  });

  it("shows the node's CPU and memory, and its history and the cluster's grow", async () => {
    const first = await waitFor('usage of the node', async () => {
      const a = await read();
      return a.nodes.items[0]?.usage && a.nodes.items[0].metrics.length >= 2 && a.clusterMetrics.samples.length >= 2 ? a : undefined;
    });
    const usage = first.nodes.items[0].usage as Sample;
    expect(first.nodes.items[0].id).toBe(c.nodeId);
    expect(usage.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(usage.cpuPercent).toBeLessThanOrEqual(100);
    expect(usage.memoryUsedBytes).toBeGreaterThan(0);
    expect(usage.memoryUsedBytes).toBeLessThan(usage.memoryTotalBytes);
    expect(usage.nodeCount).toBe(1);
    expect(first.clusterMetrics.status).toBe('AVAILABLE');
    expect(first.cluster.usage).toMatchObject({ nodeCount: 1, cpus: usage.cpus, memoryTotalBytes: usage.memoryTotalBytes });

    const before = first.nodes.items[0].metrics.length;
    const later = await waitFor('more samples', async () => {
      const a = await read();
      return a.nodes.items[0].metrics.length > before + 1 ? a : undefined;
    });
    const times = later.nodes.items[0].metrics.map((s) => Date.parse(s.sampledAt));
    expect(times).toEqual([...times].sort((x, y) => x - y));
  });

  it('refuses a malformed or out-of-range since with BAD_USER_INPUT', async () => {
    for (const bad of ['last week', new Date(Date.now() - 2 * 86_400_000).toISOString()]) {
      const r = await c.api.request(`query($since: String) { clusterMetrics(since: $since) { status } }`, { since: bad });
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'since' });
    }
  });

  it('without Redis the cluster still converges and metrics say UNAVAILABLE; history resumes when Redis is back', async () => {
    await redis.stop();
    const down = await waitFor('metrics to be reported unavailable', async () => {
      const a = await read();
      return a.clusterMetrics.status === 'UNAVAILABLE' ? a : undefined;
    });
    expect(down.clusterMetrics.samples).toEqual([]);
    expect(down.nodes.items[0].metrics).toEqual([]);
    expect(down.nodes.items[0].usage).not.toBeNull(); // the leader still knows the latest sample

    await c.api.must(`mutation($input: CreateServiceInput!) { createService(input: $input) { id } }`, {
      input: { name: 'no-redis', image: TEST_IMAGE, replicas: 2, args: SLEEPER_ARGS },
    });
    await waitFor('2 containers running without Redis', async () => (await c.containers()).length === 2);
    await sleep(2000); // several reconnect attempts fail meanwhile
    expect(c.manager.process.output.match(/Redis at 127\.0\.0\.1:\d+ is unreachable/g)).toHaveLength(1);

    await redis.start(); // a new, empty Redis: the history before the outage is gone
    const back = await waitFor('history to resume', async () => {
      const a = await read();
      return a.clusterMetrics.status === 'AVAILABLE' && a.nodes.items[0].metrics.length >= 2 && a.clusterMetrics.samples.length >= 2 ? a : undefined;
    });
    expect(back.nodes.items[0].usage).not.toBeNull();
    expect(c.manager.process.output).toMatch(/Redis at 127\.0\.0\.1:\d+ is back/);
  });
});

describe('metrics with three managers', () => {
  let redis: TestRedis;
  let g: ManagerGroup;
  let agent: AgentHandle;
  const since = new Date(Date.now() - 60_000).toISOString();
  const NODE_QUERY = `query($since: String) { nodes { items { id usage { sampledAt } metrics(since: $since) { sampledAt } } } }`;
  type Nodes = { nodes: { items: { id: string; usage: { sampledAt: string } | null; metrics: { sampledAt: string }[] }[] } };

  beforeAll(async () => {
    redis = await startRedis();
    g = await startManagers(3, { SHOAL_REDIS_URL: redis.url, SHOAL_METRICS_INTERVAL_MS: '1000', SHOAL_HEARTBEAT_GRACE: '15' });
    const leader = await g.leader();
    const { cluster } = await leader.api.must<{ cluster: { joinTokens: { worker: string } } }>('{ cluster { joinTokens { worker } } }');
    agent = agentProcess({ clusterAddr: g.clusterAddrs }, cluster.joinTokens.worker, { SHOAL_METRICS_INTERVAL_MS: '1000', SHOAL_HOSTNAME: 'metrics-3m' });
    agent.start();
  });
  afterAll(async () => {
    await agent?.process.kill('SIGTERM');
    if (agent) rmSync(agent.stateDir, { recursive: true, force: true });
    await g?.stop();
    await redis?.stop();
  });

  it('any manager answers with the history, and it outlives the leader', async () => {
    const leader = await g.leader();
    const follower = g.members.find((m) => m !== leader)!;
    const seen = await waitFor('a follower to read the history the leader wrote', async () => {
      const {
        nodes: { items: nodes },
      } = await follower.api.must<Nodes>(NODE_QUERY, { since });
      return nodes[0]?.usage && nodes[0].metrics.length >= 3 ? nodes[0] : undefined;
    });

    await leader.process.kill('SIGTERM');
    const next = await g.leader();
    const after = await waitFor('the new leader to add to the same history', async () => {
      const {
        nodes: { items: nodes },
      } = await next.api.must<Nodes>(NODE_QUERY, { since });
      const times = nodes[0]?.metrics.map((s) => s.sampledAt) ?? [];
      return times.includes(seen.metrics[0].sampledAt) && times.length > seen.metrics.length + 2 ? times : undefined;
    });
    expect(after.slice(0, seen.metrics.length)).toEqual(seen.metrics.map((s) => s.sampledAt));
  });
});
