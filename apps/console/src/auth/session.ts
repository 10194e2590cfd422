/**
 * What proves who the console acts for. Today the API knows bearer API tokens only;
 * a password login will add a cookie session kind here, and nothing outside auth/
 * needs to change: the API client only asks a session for its headers.
 */
export interface Credentials {
  kind: 'token';
  token: string;
}

export interface Session {
  credentials: Credentials;
  /** Headers for HTTP requests; the same object is the graphql-ws connectionParams. */
  headers(): Record<string, string>;
}

const KEY = 'shoal.credentials';

export function sessionFor(credentials: Credentials): Session {
  return { credentials, headers: () => ({ authorization: `Bearer ${credentials.token}` }) };
}

/** Kept for the browser tab only (sessionStorage): closing the tab logs out. */
export function loadSession(storage: Storage = window.sessionStorage): Session | null {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Credentials>;
    return parsed.kind === 'token' && typeof parsed.token === 'string' && parsed.token ? sessionFor({ kind: 'token', token: parsed.token }) : null;
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
