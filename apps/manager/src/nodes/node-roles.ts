import type { StoreAction } from '../store/actions';
import type { NodeObject, NodeRole } from '../store/objects';

/** The Raft configuration in force, as far as node roles are concerned. */
export interface Membership {
  voters: readonly string[];
  learners: readonly string[];
}

/** A node is a MANAGER while the manager on its host (the member id its agent reports) is a Raft voter. */
export function roleOf(node: NodeObject, membership: Membership): NodeRole {
  const memberId = node.description.managerMemberId;
  return memberId !== undefined && membership.voters.includes(memberId) ? 'MANAGER' : 'WORKER';
}

/** The patches that bring every node's stored role in line with the membership. */
export function roleChanges(nodes: readonly NodeObject[], membership: Membership): StoreAction[] {
  return nodes
    .filter((n) => n.role !== roleOf(n, membership))
    .map((n): StoreAction => ({ op: 'patch', kind: 'node', id: n.id, ifExists: true, fields: { role: roleOf(n, membership) } }));
}
