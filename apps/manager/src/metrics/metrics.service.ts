import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { UsageSample, parseUsageSample } from '@shoal/protocol';
import { MANAGER_CONFIG, ManagerConfig } from '../config';
import { Store } from '../store/store';
import { MetricSample, clusterUsage } from './cluster-usage';
import { RedisSeries } from './redis-series';

export type MetricsStatus = 'AVAILABLE' | 'UNAVAILABLE';

export interface History {
  status: MetricsStatus;
  samples: MetricSample[];
}

/**
 * CPU and memory use (docs/design/metrics.md). The leader, which holds the agent
 * sessions, keeps each node's latest sample in memory and appends it to the node's
 * series in Redis; a leader loop adds a cluster-wide sample every interval. Any manager
 * reads the history from Redis. Without Redis the latest samples still serve the leader,
 * history reads are empty with status UNAVAILABLE, and nothing waits.
 */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  private readonly log = new Logger('Metrics');
  /** Per node: the latest sample, when it came, and the gap since the one before (the agent's interval, as seen). */
  private readonly latest = new Map<string, { sample: MetricSample; receivedAt: number; gapMs: number }>();
  /** The last cluster sample this leader made; null: it made one of no node; undefined: none yet (read Redis). */
  private latestCluster: MetricSample | null | undefined;
  readonly series: RedisSeries;

  constructor(
    private readonly store: Store,
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
  ) {
    this.series = new RedisSeries({ url: config.metrics.redisUrl, retentionSeconds: config.metrics.retentionSeconds, log: this.log });
  }

  get retentionSeconds(): number {
    return this.config.metrics.retentionSeconds;
  }

  /** How often the leader adds a cluster-wide sample. */
  get intervalMs(): number {
    return this.config.metrics.intervalMs;
  }

  get status(): MetricsStatus {
    return this.series.available ? 'AVAILABLE' : 'UNAVAILABLE';
  }

  now: () => number = () => Date.now();

  /**
   * A node's sample from its session; a malformed one is dropped. It is timed by the
   * leader's clock, on receipt: one clock for every series, whatever the hosts' clocks say.
   */
  record(nodeId: string, raw: unknown): void {
    const s = parseUsageSample(raw);
    if (!s) return;
    const now = this.now();
    const sample: MetricSample = { ...s, sampledAt: new Date(now).toISOString(), nodeCount: 1 };
    const before = this.latest.get(nodeId);
    this.latest.set(nodeId, { sample, receivedAt: now, gapMs: before ? now - before.receivedAt : 0 });
    const key = this.key(`node:${nodeId}`);
    if (key) void this.series.append(key, now, sample);
  }

  /**
   * Leader loop body: one cluster sample from the ready nodes' fresh samples, fresh meaning
   * within three of the node's own intervals (at least three of the manager's).
   */
  async aggregate(): Promise<void> {
    const now = this.now();
    const fresh: UsageSample[] = [];
    for (const [nodeId, { sample, receivedAt, gapMs }] of this.latest) {
      const node = this.store.node(nodeId);
      if (!node) this.latest.delete(nodeId);
      else if (node.status.state === 'READY' && now - receivedAt <= 3 * Math.max(this.config.metrics.intervalMs, gapMs)) fresh.push(sample);
    }
    const sample = clusterUsage(fresh, new Date(now).toISOString());
    this.latestCluster = sample ?? null;
    const key = this.key('cluster');
    if (sample && key) await this.series.append(key, now, sample);
  }

  /** Forgets what this manager saw as leader (it no longer receives samples). */
  forget(): void {
    this.latest.clear();
    this.latestCluster = undefined;
  }

  /** A node's latest sample: in memory on the leader, else the newest in Redis. */
  async nodeUsage(nodeId: string): Promise<MetricSample | null> {
    const mine = this.latest.get(nodeId)?.sample;
    if (mine) return mine;
    const key = this.key(`node:${nodeId}`);
    return (key && (await this.series.last<MetricSample>(key))) || null;
  }

  async clusterUsage(): Promise<MetricSample | null> {
    if (this.latestCluster !== undefined) return this.latestCluster;
    const key = this.key('cluster');
    return (key && (await this.series.last<MetricSample>(key))) || null;
  }

  nodeHistory(nodeId: string, sinceMs: number): Promise<History> {
    return this.history(`node:${nodeId}`, sinceMs);
  }

  clusterHistory(sinceMs: number): Promise<History> {
    return this.history('cluster', sinceMs);
  }

  onModuleDestroy(): void {
    this.series.close();
  }

  private async history(name: string, sinceMs: number): Promise<History> {
    const key = this.key(name);
    const samples = key ? await this.series.range<MetricSample>(key, sinceMs) : [];
    return samples ? { status: 'AVAILABLE', samples } : { status: 'UNAVAILABLE', samples: [] };
  }

  /** Keys carry the cluster id, so that clusters can share one Redis. */
  private key(name: string): string | undefined {
    const id = this.store.cluster()?.id;
    return id ? `shoal:${id}:usage:${name}` : undefined;
  }
}
