/**
 * What proves who the console acts for: an API token sent as a bearer header, or the
 * manager's httpOnly session cookie from a password login. The cookie itself is out of
 * the page's reach; the console only remembers that it has one (and for whom), and sends
 * the CSRF header the manager asks of cookie requests. The API client only asks a session
 * for its headers.
 */
export type Credentials = { kind: 'token'; token: string } | { kind: 'cookie'; username: string };

/** What the login page submits. */
export type LoginRequest = { kind: 'token'; token: string } | { kind: 'password'; username: string; password: string };

export interface Session {
  credentials: Credentials;
  /** Headers for HTTP requests; the same object is the graphql-ws connectionParams. */
  headers(): Record<string, string>;
}

/** The manager accepts the session cookie only with this header (any value): a cross-site form cannot send it. */
export const CSRF_HEADER = 'x-shoal-csrf';

const KEY = 'shoal.credentials';

export function sessionFor(credentials: Credentials): Session {
  return {
    credentials,
    headers: (): Record<string, string> => (credentials.kind === 'token' ? { authorization: `Bearer ${credentials.token}` } : { [CSRF_HEADER]: '1' }),
  };
}

/** Kept for the browser tab only (sessionStorage): closing the tab forgets it; a cookie session also ends on the manager at logout. */
export function loadSession(storage: Storage = window.sessionStorage): Session | null {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as { kind?: unknown; token?: unknown; username?: unknown };
    if (parsed.kind === 'token' && typeof parsed.token === 'string' && parsed.token) return sessionFor({ kind: 'token', token: parsed.token });
    if (parsed.kind === 'cookie' && typeof parsed.username === 'string') return sessionFor({ kind: 'cookie', username: parsed.username });
    return null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session, storage: Storage = window.sessionStorage): void {
  storage.setItem(KEY, JSON.stringify(session.credentials));
}

export function clearSession(storage: Storage = window.sessionStorage): void {
  storage.removeItem(KEY);
}
