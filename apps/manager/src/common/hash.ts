import { createHash, timingSafeEqual } from 'node:crypto';

/** sha256 hex: enough for high-entropy generated secrets (tokens, node secrets). */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(sha256(a));
  const y = Buffer.from(sha256(b));
  return timingSafeEqual(x, y);
}
