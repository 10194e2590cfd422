import { Logger } from '@nestjs/common';
import Redis from 'ioredis';

/** Most samples one series keeps, and one read returns, whatever the retention. */
export const MAX_SAMPLES = 5000;

export interface SeriesOptions {
  url: string;
  retentionSeconds: number;
  log?: Pick<Logger, 'log' | 'warn'>;
}

/**
 * Time series in Redis: one sorted set per series, scored by sample time, trimmed to the
 * retention (and to MAX_SAMPLES) on every append and expiring when nobody appends.
 *
 * Redis may be down: commands then fail at once (no offline queue, a command timeout),
 * the client reconnects by itself, and an outage is logged once, when it starts, and once
 * more when it ends. Callers see `available` and empty reads; nothing waits or loops.
 */
export class RedisSeries {
  private readonly client: Redis;
  private readonly log: Pick<Logger, 'log' | 'warn'>;
  private down = false;
  private closing = false;

  constructor(private readonly o: SeriesOptions) {
    this.log = o.log ?? new Logger('Metrics');
    this.client = new Redis(o.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 2000,
      connectTimeout: 2000,
      disconnectTimeout: 500,
      retryStrategy: (times) => Math.min(100 * times, 2000),
    });
    this.client.on('ready', () => {
      if (this.down) this.log.log(`Redis at ${this.where()} is back: metrics history resumes`);
      this.down = false;
    });
    this.client.on('error', (err: Error) => this.outage(err.message));
    this.client.on('close', () => this.outage('connection closed'));
  }

  /** Connected and ready: reads and appends can work. */
  get available(): boolean {
    return this.client.status === 'ready';
  }

  /** Adds a sample at `atMs` and trims the series; false when Redis did not take it. */
  async append(key: string, atMs: number, value: unknown): Promise<boolean> {
    if (!this.available) return false;
    const retentionMs = this.o.retentionSeconds * 1000;
    try {
      await this.client
        .multi()
        .zadd(key, atMs, JSON.stringify(value))
        .zremrangebyscore(key, '-inf', `(${atMs - retentionMs}`)
        .zremrangebyrank(key, 0, -(MAX_SAMPLES + 1))
        .pexpire(key, retentionMs)
        .exec();
      return true;
    } catch {
      return false; // the 'error'/'close' handlers report the outage
    }
  }

  /** Samples at or after `sinceMs`, oldest first (the newest MAX_SAMPLES); undefined when Redis cannot answer. */
  async range<T>(key: string, sinceMs: number): Promise<T[] | undefined> {
    if (!this.available) return undefined;
    try {
      const newest = await this.client.zrevrangebyscore(key, '+inf', sinceMs, 'LIMIT', 0, MAX_SAMPLES);
      return newest.reverse().map((m) => JSON.parse(m) as T);
    } catch {
      return undefined;
    }
  }

  /** The newest sample, if any; undefined also when Redis cannot answer. */
  async last<T>(key: string): Promise<T | undefined> {
    if (!this.available) return undefined;
    try {
      const [m] = await this.client.zrange(key, -1, -1);
      return m === undefined ? undefined : (JSON.parse(m) as T);
    } catch {
      return undefined;
    }
  }

  close(): void {
    this.closing = true;
    this.client.disconnect();
  }

  private outage(reason: string): void {
    if (this.down || this.closing) return;
    this.down = true;
    this.log.warn(`Redis at ${this.where()} is unreachable (${reason}): metrics history waits for it, the cluster goes on; reconnecting`);
  }

  /** The URL without credentials. */
  private where(): string {
    try {
      const u = new URL(this.o.url);
      return `${u.hostname}:${u.port || 6379}`;
    } catch {
      return 'SHOAL_REDIS_URL';
    }
  }
}
