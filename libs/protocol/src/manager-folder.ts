/**
 * Files of a manager's data folder that the agent on its host reads or writes too
 * (docs/design/node-roles.md): the manager's Raft member id, and the id of a member the
 * cluster removed, which that manager then refuses to start as.
 */
export const MANAGER_FOLDER = {
  memberId: 'member-id',
  removedMember: 'removed-member',
} as const;
