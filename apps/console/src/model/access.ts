/** Roles, each including the next (docs/design/access.md). */
export const ROLES = ['ADMIN', 'OPERATOR', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

/** Whether `role` may do what needs `needed`. */
export function atLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) <= ROLES.indexOf(needed);
}

/** The roles a token created by someone with `role` may have: at most its own. */
export function grantable(role: Role): Role[] {
  return ROLES.filter((r) => atLeast(role, r));
}

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

const USERNAME = /^[A-Za-z0-9._-]{1,64}$/;

/** The API's rule for passwords: 8-72 bytes (bcrypt reads at most 72). */
export function passwordProblem(password: string): string | undefined {
  const bytes = new TextEncoder().encode(password).length;
  if (bytes < 8) return 'Use at least 8 characters.';
  if (bytes > 72) return 'Use at most 72 bytes (bcrypt ignores the rest).';
  return undefined;
}

export function validateNewUser(input: { username: string; password: string }): FieldErrors<'username' | 'password'> {
  const errors: FieldErrors<'username' | 'password'> = {};
  if (!USERNAME.test(input.username)) errors.username = 'Use 1-64 letters, digits, ".", "_" or "-".';
  const pw = passwordProblem(input.password);
  if (pw) errors.password = pw;
  return errors;
}

export const TOKEN_EXPIRIES = [
  { days: 0, label: 'Never' },
  { days: 1, label: 'In 1 day' },
  { days: 7, label: 'In 7 days' },
  { days: 30, label: 'In 30 days' },
  { days: 90, label: 'In 90 days' },
  { days: 365, label: 'In 1 year' },
] as const;

/** The token's expiry as the API takes it: ISO 8601, or undefined for a token that does not expire. */
export function expiresAt(days: number, now: Date = new Date()): string | undefined {
  return days > 0 ? new Date(now.getTime() + days * 86_400_000).toISOString() : undefined;
}

export function validateTokenName(name: string): string | undefined {
  if (name.trim() === '') return 'Give the token a name, e.g. what uses it ("ci-deploy").';
  if (name.trim().length > 64) return 'Use at most 64 characters.';
  return undefined;
}
