import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { MANAGER_CONFIG, ManagerConfig } from '../config';
import type { StoreAction } from '../store/actions';
import { Proposer } from '../store/proposer';
import { Store } from '../store/store';

/**
 * Tokens' last use without a log entry per request: every manager notes uses in memory
 * and, once per interval, proposes one entry patching the tokens whose stored lastUsedAt
 * is older than an interval. So lastUsedAt is coarse (one interval) and costs at most
 * one entry per manager per interval, only while tokens are in use.
 */
@Injectable()
export class LastUseRecorder implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('LastUseRecorder');
  private readonly uses = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing = false;
  private readonly intervalMs: number;

  constructor(
    private readonly store: Store,
    private readonly proposer: Proposer,
    @Inject(MANAGER_CONFIG) config: ManagerConfig,
  ) {
    this.intervalMs = config.access.tokenLastUseIntervalMs;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  seen(tokenId: string, atMs: number): void {
    if ((this.uses.get(tokenId) ?? 0) < atMs) this.uses.set(tokenId, atMs);
  }

  /** The patches due now; exposed for tests. */
  due(): StoreAction[] {
    const actions: StoreAction[] = [];
    for (const [id, at] of this.uses) {
      const token = this.store.token(id);
      if (!token) {
        this.uses.delete(id);
        continue;
      }
      const stored = token.lastUsedAt ? Date.parse(token.lastUsedAt) : 0;
      if (at - stored >= this.intervalMs) actions.push({ op: 'patch', kind: 'token', id, ifExists: true, fields: { lastUsedAt: new Date(at).toISOString() } });
    }
    return actions;
  }

  async flush(): Promise<void> {
    if (this.flushing) return; // one entry in flight at a time, even without a quorum
    const actions = this.due();
    if (actions.length === 0) return;
    this.flushing = true;
    try {
      await this.proposer.propose(actions);
    } catch (err) {
      this.log.warn(`could not record tokens' last use (will retry): ${String(err)}`);
    } finally {
      this.flushing = false;
    }
  }
}
