import { compare, hash } from 'bcryptjs';

/** bcrypt cost: 2^10 rounds, about 50-100 ms in plain JavaScript on one core. */
const COST = 10;
/** bcrypt reads at most 72 bytes of a password; longer ones would be silently cut. */
const MAX_BYTES = 72;
const MIN_LENGTH = 8;

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  if (password.length === 0) return 'must not be empty';
  if (password.length < MIN_LENGTH) return `must be at least ${MIN_LENGTH} characters`;
  if (Buffer.byteLength(password, 'utf8') > MAX_BYTES) return `must be at most ${MAX_BYTES} bytes`;
  if (password.trim().length === 0) return 'must not be only spaces';
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, COST);
}

/** A hash of a password nobody knows: verifying against it costs the same as for a real user. */
const DUMMY_HASH = '$2b$10$MkKtTizjVZul0B8Fj/YR/OdNgoxGNcfOqyrZU3qYRQuOGPEGvrjn.';

/** Constant-ish time: an unknown user (hash undefined) costs one bcrypt comparison too. */
export async function verifyPassword(password: string, passwordHash: string | undefined): Promise<boolean> {
  const ok = await compare(password, passwordHash ?? DUMMY_HASH);
  return ok && passwordHash !== undefined;
}
