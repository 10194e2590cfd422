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

/** The role promoteNode/demoteNode asked for; a node never asked about keeps the role it has. */
export function desiredRoleOf(node: NodeObject, membership: Membership): NodeRole {
  return node.desiredRole ?? roleOf(node, membership);
}
