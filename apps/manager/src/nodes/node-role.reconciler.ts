import { Injectable, Logger } from '@nestjs/common';
import { Dispatcher } from '../dispatcher/dispatcher';
import { RaftHost } from '../raft/raft-host';
import type { StoreAction } from '../store/actions';
import type { NodeObject } from '../store/objects';
import { Proposer } from '../store/proposer';
import { Store } from '../store/store';
import { type Membership, isMember, roleOf } from './node-roles';

/** How long a startManager/stopManager to a node waits before it is sent again (the agent ignores repeats). */
export const ROLE_RESEND_MS = 10_000;

/**
 * Leader loop (docs/design/node-roles.md), level-triggered: keeps each node's stored
 * `role` equal to what Raft membership says (MANAGER while the manager on its host is a
 * voter), and moves the membership toward each node's `desiredRole`: has its agent start
 * a manager, hands leadership over, removes the member, has its agent stop it. What it
 * does or waits for is written to the node's `roleMessage`, null once the roles agree.
 */
@Injectable()
export class NodeRoleReconciler {
  private readonly log = new Logger('NodeRoles');
  /** When a start, stop or leadership transfer was last sent for each node, by `nodeId:type`. */
  private readonly sent = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly proposer: Proposer,
    private readonly raft: RaftHost,
    private readonly dispatcher: Dispatcher,
  ) {}

  /** The clock (tests replace it). */
  now: () => number = Date.now;

  async run(): Promise<void> {
    const actions: StoreAction[] = [];
    for (const node of this.store.nodes()) {
      const conf = this.raft.node.confState();
      const fields: Record<string, unknown> = {};
      const role = roleOf(node, conf);
      if (node.role !== role) fields.role = role;
      const message = this.converge(node, conf);
      if ((node.roleMessage ?? null) !== message) fields.roleMessage = message;
      if (Object.keys(fields).length > 0) actions.push({ op: 'patch', kind: 'node', id: node.id, ifExists: true, fields });
    }
    if (actions.length > 0) await this.proposer.propose(actions);
  }

  /**
   * One step toward the node's desired role; returns what it waits for, null when there is
   * nothing to do. A node never promoted nor demoted is left alone (e.g. a manager joining
   * by hand on its host).
   */
  private converge(node: NodeObject, conf: Membership): string | null {
    if (node.desiredRole === undefined) return null;
    const memberId = node.description.managerMemberId;
    const member = isMember(node, conf);
    if (node.desiredRole === 'MANAGER') {
      if (memberId !== undefined && conf.voters.includes(memberId)) return null;
      if (member) return `manager ${memberId} joined as a learner: catching up before it votes`;
      return this.startManager(node);
    }
    if (memberId === undefined) return null;
    if (member) return this.removeMember(node, memberId, conf);
    // Removed from Raft, still reported by its agent: the stop has not been heard yet.
    if (!this.dispatcher.connected(node.id)) return `manager ${memberId} was removed; waiting for the node's agent to reconnect to stop it`;
    if (this.due(node.id, 'stop')) this.dispatcher.send(node.id, { type: 'stopManager', memberId });
    return `manager ${memberId} was removed; its agent is stopping it`;
  }

  private startManager(node: NodeObject): string {
    if (node.status.state !== 'READY' || !this.dispatcher.connected(node.id)) return "waiting for the node's agent to connect to the leader";
    const joinToken = this.store.cluster()?.managerJoinToken;
    if (!joinToken) return 'waiting for the cluster to have a manager join token';
    if (this.due(node.id, 'start')) {
      const conf = this.raft.node.confState();
      const addresses = this.raft.addresses();
      const leader = addresses.get(this.raft.status().id);
      const join = [...new Set([leader, ...conf.voters.map((v) => addresses.get(v))].filter((a): a is string => !!a))];
      this.dispatcher.send(node.id, { type: 'startManager', join, joinToken });
      this.log.log(`node ${node.id}: asked its agent to start a manager`);
    }
    return 'its agent is starting a manager that joins the cluster';
  }

  private removeMember(node: NodeObject, memberId: string, conf: Membership): string {
    const status = this.raft.status();
    if (conf.voters.length === 1 && conf.voters[0] === memberId) return 'cannot demote: it runs the last manager; promote another node first';
    if (memberId === status.id) {
      const to = status.members.find((m) => m.id !== memberId && m.reachable && conf.voters.includes(m.id));
      if (!to) return 'it runs the leader, and no other voting manager is reachable to hand leadership to';
      if (this.due(node.id, 'transfer')) this.raft.transferLeadership(to.id);
      return `it runs the leader: handing leadership to ${to.id} first`;
    }
    try {
      this.raft.removeMember(memberId, false);
    } catch (err) {
      // Quorum at risk, or another membership change in progress: the next pass tries again.
      return `cannot remove manager ${memberId} yet: ${(err as Error).message.replace(/; pass force: true.*$/, '')}`;
    }
    this.log.log(`node ${node.id}: removing manager ${memberId}`);
    return `removing manager ${memberId} from Raft`;
  }

  /** Whether a message of this type may be sent to the node again (it was not, or ROLE_RESEND_MS ago). */
  private due(nodeId: string, type: 'start' | 'stop' | 'transfer'): boolean {
    const key = `${nodeId}:${type}`;
    const last = this.sent.get(key);
    if (last !== undefined && this.now() - last < ROLE_RESEND_MS) return false;
    this.sent.set(key, this.now());
    return true;
  }
}
