/** The console's session cookie: httpOnly, SameSite=Strict, Secure over TLS. */
export const SESSION_COOKIE = 'shoal_session';
/** Cookie-authenticated requests must send this header (any value): a cross-site form cannot. */
export const CSRF_HEADER = 'x-shoal-csrf';

export type Headers = Record<string, string | string[] | undefined>;

/** The secret of "Authorization: Bearer <secret>", or undefined. */
export function bearerOf(authorization: unknown): string | undefined {
  if (typeof authorization !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  return m && m[1].length <= 512 ? m[1] : undefined;
}

/** The session secret from a Cookie header, or undefined. */
export function sessionCookieOf(cookie: unknown): string | undefined {
  if (typeof cookie !== 'string') return undefined;
  for (const part of cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return value.length > 0 && value.length <= 512 ? value : undefined;
    }
  }
  return undefined;
}

export function headerOf(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
