import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditObject } from '../store/objects';
import type { NewObject } from '../store/actions';
import type { StoreAction } from '../store/actions';
import { newId } from '../common/ids';

/** What is known of a mutation before it runs: who, what, with which (redacted) arguments. */
export interface PendingAudit {
  actor: AuditObject['actor'];
  operation: string;
  arguments: string;
  clientAddr?: string;
  /** Its record rides on the mutation's first proposal (see AuditedProposer). */
  attached: boolean;
  /** That proposal was applied: the record is in the log with result OK. */
  committed: boolean;
  /** The mutation has finished: later proposals in this async context are not its own. */
  closed: boolean;
  /** Leave no record (a login refused while locked out: see docs/design/access.md). */
  skip: boolean;
}

/** The mutation being executed, for the code it calls (AsyncLocalStorage, one per request). */
export const auditContext = new AsyncLocalStorage<PendingAudit>();

export function auditAction(p: Omit<PendingAudit, 'attached' | 'committed' | 'closed' | 'skip'>, result: string): StoreAction {
  const object: NewObject = {
    id: newId(),
    createdAt: new Date().toISOString(),
    actor: p.actor,
    operation: p.operation,
    arguments: p.arguments,
    result,
    ...(p.clientAddr ? { clientAddr: p.clientAddr } : {}),
  };
  return { op: 'create', kind: 'audit', object };
}
