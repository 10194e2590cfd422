import { Injectable, Logger } from '@nestjs/common';
import { Proposer } from '../store/proposer';
import { PendingAudit, auditAction } from './audit.context';

/** Writes an audit record in an entry of its own: for refusals, failed logins, and mutations that proposed nothing. */
@Injectable()
export class AuditWriter {
  private readonly log = new Logger('Audit');

  constructor(private readonly proposer: Proposer) {}

  async write(p: Omit<PendingAudit, 'attached' | 'committed' | 'closed' | 'skip'>, result: string): Promise<void> {
    try {
      await this.proposer.propose([auditAction(p, result)]);
    } catch (err) {
      // The operation's own answer matters more than its record: say so loudly, do not fail it.
      this.log.error(`could not write the audit record of ${p.operation} by ${p.actor.name || 'anonymous'}: ${String(err)}`);
    }
  }
}
