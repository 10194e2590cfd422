import { Injectable } from '@nestjs/common';
import { RaftHost } from '../raft/raft-host';
import { Proposer } from '../store/proposer';
import { Store } from '../store/store';
import { roleChanges } from './node-roles';

/**
 * Leader loop: keeps each node's stored `role` equal to what Raft membership says
 * (MANAGER while the manager on its host is a voter), so placement constraints on
 * `node.role` and every reader see the same answer.
 */
@Injectable()
export class NodeRoleReconciler {
  constructor(
    private readonly store: Store,
    private readonly proposer: Proposer,
    private readonly raft: RaftHost,
  ) {}

  async run(): Promise<void> {
    const actions = roleChanges(this.store.nodes(), this.raft.node.confState());
    if (actions.length > 0) await this.proposer.propose(actions);
  }
}
