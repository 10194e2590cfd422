import { OnModuleDestroy } from '@nestjs/common';
import { Args, Int, Query, Resolver, Subscription } from '@nestjs/graphql';
import { PubSub } from 'graphql-subscriptions';
import { Allow } from '../auth/allow.decorator';
import { badInput } from '../common/errors';
import type { AuditObject } from '../store/objects';
import { Store } from '../store/store';
import { AuditFilterInput } from './inputs/audit.input';
import { AuditLogPageModel, AuditRecordModel, toAuditRecordModel } from './models/audit.model';

const TOPIC = 'audit';
const MAX_PAGE = 500;

@Resolver(() => AuditRecordModel)
export class AuditResolver implements OnModuleDestroy {
  private readonly pubsub = new PubSub();
  private readonly unwatch: () => void;

  constructor(private readonly store: Store) {
    this.unwatch = store.watch((set) => {
      for (const c of set.changes) {
        if (c.kind === 'audit' && c.action === 'CREATED') void this.pubsub.publish(TOPIC, { auditRecords: toAuditRecordModel(c.object as AuditObject) });
      }
    });
  }

  onModuleDestroy(): void {
    this.unwatch();
  }

  @Allow('ADMIN')
  @Query(() => AuditLogPageModel, { description: 'The audit log, newest first, a page at a time.' })
  auditLog(
    @Args('first', { type: () => Int, nullable: true, description: `1-${MAX_PAGE}; 50 when omitted.` }) first?: number,
    @Args('after', { nullable: true, description: 'A nextCursor from the page before.' }) after?: string,
    @Args('filter', { nullable: true }) filter?: AuditFilterInput,
  ): AuditLogPageModel {
    const size = first ?? 50;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) throw badInput('first', `give 1 to ${MAX_PAGE}`);
    let records = this.store.auditRecords().reverse();
    if (filter?.actor != null) records = records.filter((r) => r.actor.name === filter.actor);
    if (filter?.operation != null) records = records.filter((r) => r.operation === filter.operation);
    if (filter?.failed != null) records = records.filter((r) => (r.result !== 'OK') === filter.failed);
    let start = 0;
    if (after != null) {
      const i = records.findIndex((r) => r.id === after);
      if (i < 0) throw badInput('after', 'unknown cursor (the record may have been pruned); start again without it');
      start = i + 1;
    }
    const page = records.slice(start, start + size);
    const more = start + size < records.length;
    return { records: page.map(toAuditRecordModel), nextCursor: more && page.length > 0 ? page[page.length - 1].id : null };
  }

  @Allow('ADMIN')
  @Subscription(() => AuditRecordModel, { description: 'Audit records as they are applied.' })
  auditRecords(): AsyncIterableIterator<unknown> {
    return this.pubsub.asyncIterableIterator(TOPIC);
  }
}
