import type { Role } from '../store/objects';

export const ROLES: readonly Role[] = ['ADMIN', 'OPERATOR', 'VIEWER'];

/** An operation's rule: the least role it needs, or PUBLIC (no credentials: login). */
export type Rule = Role | 'PUBLIC';

const RANK: Record<Role, number> = { VIEWER: 1, OPERATOR: 2, ADMIN: 3 };

export function roleAtLeast(role: Role, least: Role): boolean {
  return RANK[role] >= RANK[least];
}

/** The lesser of two roles: a token never does more than its owner. */
export function lesserRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b;
}
