import type { ChangeSet, StoreAction } from '../store/actions';
import { Proposer } from '../store/proposer';
import { auditAction, auditContext } from './audit.context';

/**
 * The Proposer the manager's code uses: while a mutation runs, its first proposal also
 * carries the mutation's audit record (result OK), so the change and its record are
 * applied together or not at all. Outside a mutation (leader loops, dispatcher) it adds
 * nothing.
 */
export class AuditedProposer extends Proposer {
  constructor(private readonly inner: Proposer) {
    super();
  }

  async propose(actions: StoreAction[]): Promise<ChangeSet> {
    const pending = auditContext.getStore();
    if (!pending || pending.attached || pending.closed || pending.skip) return this.inner.propose(actions);
    pending.attached = true;
    const set = await this.inner.propose([...actions, auditAction(pending, 'OK')]);
    pending.committed = true;
    return set;
  }
}
