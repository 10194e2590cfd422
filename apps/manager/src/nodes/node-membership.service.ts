import { Injectable, Logger } from '@nestjs/common';
import { DesiredState, TaskState, isTerminal } from '@shoal/protocol';
import { ShoalError, conflict, notFound } from '../common/errors';
import { Dispatcher } from '../dispatcher/dispatcher';
import { RaftHost } from '../raft/raft-host';
import type { StoreAction } from '../store/actions';
import type { NodeObject } from '../store/objects';
import { Proposer } from '../store/proposer';
import { Store } from '../store/store';

/**
 * Nodes joining and leaving the cluster and the managers: removeNode, promoteNode,
 * demoteNode (docs/design/node-roles.md). A node is a MANAGER while the manager on its
 * host is a Raft voter; promote and demote change that membership through its agent.
 */
@Injectable()
export class NodeMembershipService {
  private readonly log = new Logger('NodeMembership');

  constructor(
    private readonly store: Store,
    private readonly proposer: Proposer,
    private readonly raft: RaftHost,
    private readonly dispatcher: Dispatcher,
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
   * Asks the node's agent to start a manager on its host that joins with the manager
   * join token (sent over that node's session only). The node becomes MANAGER once the
   * new member has caught up and is promoted to voter. Nothing to do when it is one already.
   */
  promote(id: string): NodeObject {
    this.mustLead();
    const node = this.mustNode(id);
    const conf = this.raft.node.confState();
    const memberId = node.description.managerMemberId;
    if (memberId !== undefined && (conf.voters.includes(memberId) || conf.learners.includes(memberId))) return node;
    if (node.status.state !== 'READY') throw conflict(`node ${this.name(node)} is ${node.status.state}: only a READY node can be promoted`);
    const joinToken = this.store.cluster()?.managerJoinToken;
    if (!joinToken) throw new ShoalError('UNAVAILABLE', 'the cluster has no manager join token yet; retry shortly');
    const addresses = this.raft.addresses();
    const leader = addresses.get(this.raft.status().id);
    const join = [...new Set([leader, ...conf.voters.map((v) => addresses.get(v))].filter((a): a is string => !!a))];
    if (!this.dispatcher.send(id, { type: 'startManager', join, joinToken }))
      throw new ShoalError('UNAVAILABLE', `node ${this.name(node)} has no session with this manager; retry once its agent reconnects`);
    this.log.log(`node ${this.name(node)}: asked its agent to start a manager`);
    return node;
  }

  /**
   * Removes the manager on the node's host from Raft and asks its agent to stop it.
   * Refused for the last manager, for the leader's own node (hand leadership over first),
   * and when the voters left that the leader reaches would be below their quorum.
   */
  demote(id: string): NodeObject {
    this.mustLead();
    const node = this.mustNode(id);
    const conf = this.raft.node.confState();
    const memberId = node.description.managerMemberId;
    if (memberId === undefined) return node;
    // Its agent must hear the stop: nothing changes while it has no session here.
    if (!this.dispatcher.connected(id))
      throw new ShoalError('UNAVAILABLE', `node ${this.name(node)} has no session with this manager; retry once its agent reconnects`);
    if (conf.voters.includes(memberId) || conf.learners.includes(memberId)) {
      if (conf.voters.length === 1 && conf.voters[0] === memberId)
        throw conflict(`node ${this.name(node)} runs the last manager: a cluster needs one; promote another node first`);
      if (memberId === this.raft.status().id)
        throw conflict(
          `node ${this.name(node)} runs the leader (${memberId}): hand leadership to another manager first (transferLeadership), then demote it through that one`,
        );
      this.raft.removeMember(memberId, false);
      this.log.log(`node ${this.name(node)}: removing manager ${memberId}`);
    }
    // Also when it is no longer a member: a retry after a lost message stops it still.
    this.dispatcher.send(id, { type: 'stopManager', memberId });
    return node;
  }

  private mustNode(id: string): NodeObject {
    const node = this.store.node(id);
    if (!node) throw notFound('node', id);
    return node;
  }

  private mustLead(): void {
    if (!this.raft.isLeading())
      throw new ShoalError('UNAVAILABLE', `agents hold their sessions with the leader (${this.raft.node.leader ?? 'none elected yet'}); send this to it`);
  }

  private name(node: NodeObject): string {
    return `${node.id} (${node.description.hostname})`;
  }
}
