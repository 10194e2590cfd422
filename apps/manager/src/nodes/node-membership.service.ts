import { Injectable, Logger } from '@nestjs/common';
import { DesiredState, TaskState, isTerminal } from '@shoal/protocol';
import { conflict, notFound } from '../common/errors';
import { RaftHost } from '../raft/raft-host';
import type { StoreAction } from '../store/actions';
import type { NodeObject, NodeRole } from '../store/objects';
import { Proposer } from '../store/proposer';
import { Store } from '../store/store';
import { desiredRoleOf } from './node-roles';

/**
 * Nodes joining and leaving the cluster and the managers: removeNode, promoteNode,
 * demoteNode (docs/design/node-roles.md). A node is a MANAGER while the manager on its
 * host is a Raft voter; promote and demote record the role wanted (`desiredRole`) and
 * the leader's NodeRoles loop (NodeRoleReconciler) changes the membership to match.
 */
@Injectable()
export class NodeMembershipService {
  private readonly log = new Logger('NodeMembership');

  constructor(
    private readonly store: Store,
    private readonly proposer: Proposer,
    private readonly raft: RaftHost,
  ) {}

  /**
   * Removes a node: refused while it is READY (unless force) or while its host runs a
   * voting manager (demote it first). Its unfinished tasks become ORPHANED in the same
   * entry, and the orchestrator replaces them elsewhere; its agent's session ends.
   */
  async remove(id: string, force: boolean): Promise<void> {
    const node = this.mustNode(id);
    const memberId = node.description.managerMemberId;
    if (memberId !== undefined && this.raft.node.confState().voters.includes(memberId))
      throw conflict(`node ${this.name(node)} runs manager ${memberId}, a Raft voter: demote it first (demoteNode)`);
    if (node.status.state === 'READY' && !force)
      throw conflict(`node ${this.name(node)} is READY and cannot be removed: stop its agent first (it is then DOWN), or remove it with force`);
    const now = new Date().toISOString();
    const actions: StoreAction[] = [{ op: 'remove', kind: 'node', id, expectedVersion: node.version }];
    for (const t of this.store.tasks({ nodeId: id })) {
      if (isTerminal(t.status.state)) continue;
      actions.push({
        op: 'patch',
        kind: 'task',
        id: t.id,
        ifExists: true,
        fields: { desiredState: DesiredState.SHUTDOWN, status: { ...t.status, state: TaskState.ORPHANED, message: 'node removed', timestamp: now } },
      });
    }
    await this.proposer.propose(actions);
    this.log.log(`node ${this.name(node)} removed${force ? ' (forced)' : ''}; ${actions.length - 1} task(s) orphaned`);
  }

  /**
   * Records that the node should run a manager (`desiredRole: MANAGER`); any manager
   * accepts it. The leader's NodeRoles loop has its agent start one that joins Raft; the
   * node turns MANAGER once that member votes. Nothing is written for a manager already.
   */
  async promote(id: string): Promise<NodeObject> {
    const node = this.mustNode(id);
    if (desiredRoleOf(node, this.raft.node.confState()) === 'MANAGER') return node;
    if (node.status.state !== 'READY') throw conflict(`node ${this.name(node)} is ${node.status.state}: only a READY node can be promoted`);
    return this.setDesired(node, 'MANAGER', 'promotion requested');
  }

  /**
   * Records that the node should stop being a manager (`desiredRole: WORKER`); any
   * manager accepts it. Refused with nothing written when no voter would be left. The
   * leader's NodeRoles loop hands leadership over when it is the leader's own node,
   * removes the member when the reachable voters left keep their quorum, and has its
   * agent stop it; it reports on `roleMessage` what it waits for.
   */
  async demote(id: string): Promise<NodeObject> {
    const node = this.mustNode(id);
    const conf = this.raft.node.confState();
    if (desiredRoleOf(node, conf) === 'WORKER') return node;
    const leaving = new Set(
      this.store
        .nodes()
        .filter((n) => n.id === id || desiredRoleOf(n, conf) === 'WORKER')
        .map((n) => n.description.managerMemberId),
    );
    if (conf.voters.every((v) => leaving.has(v)))
      throw conflict(`node ${this.name(node)} runs the last manager: a cluster needs one; promote another node first`);
    return this.setDesired(node, 'WORKER', 'demotion requested');
  }

  private async setDesired(node: NodeObject, desiredRole: NodeRole, roleMessage: string): Promise<NodeObject> {
    // No version check: the loop's own checks (a voter left, the quorum) hold whatever else changed meanwhile.
    await this.proposer.propose([{ op: 'patch', kind: 'node', id: node.id, fields: { desiredRole, roleMessage } }]);
    this.log.log(`node ${this.name(node)}: desired role ${desiredRole}`);
    return this.store.node(node.id)!;
  }

  private mustNode(id: string): NodeObject {
    const node = this.store.node(id);
    if (!node) throw notFound('node', id);
    return node;
  }

  private name(node: NodeObject): string {
    return `${node.id} (${node.description.hostname})`;
  }
}
