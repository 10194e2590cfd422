import { Inject, Injectable } from '@nestjs/common';
import { MANAGER_CONFIG, ManagerConfig } from '../config';
import type { StoreAction } from '../store/actions';
import { Proposer } from '../store/proposer';
import { Store } from '../store/store';

const BATCH = 1000;

/**
 * Leader loop: keeps the audit log within its retention, the last N records and none
 * older than D days, removing the oldest in batches of up to 1,000 per entry.
 */
@Injectable()
export class AuditPruner {
  clock: () => number = () => Date.now();

  constructor(
    private readonly store: Store,
    private readonly proposer: Proposer,
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
  ) {}

  /** Whether the log is over its count limit (checked on every audit change, cheaply). */
  overCount(): boolean {
    return this.store.state.tables.audit.size > this.config.access.auditRetentionRecords;
  }

  async run(): Promise<number | void> {
    const records = this.store.auditRecords(); // oldest first
    const excess = records.length - this.config.access.auditRetentionRecords;
    const cutoff = this.clock() - this.config.access.auditRetentionDays * 86_400_000;
    const actions: StoreAction[] = [];
    for (let i = 0; i < records.length && actions.length < BATCH; i++) {
      if (i >= excess && Date.parse(records[i].createdAt) >= cutoff) break;
      actions.push({ op: 'remove', kind: 'audit', id: records[i].id, ifExists: true });
    }
    if (actions.length === 0) return;
    await this.proposer.propose(actions);
    if (actions.length === BATCH) return 0; // more to do: run again at once
  }
}
