import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A 25-character lowercase base-36 id, like swarm mode's object ids (about 129 bits). */
export function newId(): string {
  const bytes = randomBytes(25);
  let id = '';
  for (const b of bytes) id += ALPHABET[b % 36];
  return id;
}

/** A url-safe random secret with the given prefix. */
export function newSecret(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}
