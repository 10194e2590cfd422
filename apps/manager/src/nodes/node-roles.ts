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

/** Whether the manager on the node's host is in the Raft configuration: a voter, or a learner catching up. */
export function isMember(node: NodeObject, membership: Membership): boolean {
  const memberId = node.description.managerMemberId;
  return memberId !== undefined && (membership.voters.includes(memberId) || membership.learners.includes(memberId));
}

/**
 * The role the node is heading for: the one promoteNode/demoteNode asked for; a node never
 * asked about heads for MANAGER while the manager on its host is a member (even a learner
 * that joined by hand), WORKER otherwise.
 */
export function desiredRoleOf(node: NodeObject, membership: Membership): NodeRole {
  return node.desiredRole ?? (isMember(node, membership) ? 'MANAGER' : 'WORKER');
}
