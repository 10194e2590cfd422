import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { checkCredentials, type CheckResult } from './check-credentials';
import { clearSession, loadSession, saveSession, sessionFor, type Credentials, type Session } from './session';

interface Auth {
  session: Session | null;
  /** Why the last session ended, when it was not the person's own choice. */
  notice: string | null;
  login: (credentials: Credentials) => Promise<CheckResult>;
  logout: (notice?: string) => void;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [notice, setNotice] = useState<string | null>(null);

  const login = useCallback(async (credentials: Credentials) => {
    const candidate = sessionFor(credentials);
    const result = await checkCredentials(candidate);
    if (result.ok) {
      saveSession(candidate);
      setNotice(null);
      setSession(candidate);
    }
    return result;
  }, []);

  const logout = useCallback((why?: string) => {
    clearSession();
    setNotice(why ?? null);
    setSession(null);
  }, []);

  const value = useMemo(() => ({ session, notice, login, logout }), [session, notice, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
