import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { checkCredentials, type CheckResult } from './check-credentials';
import { endSession, passwordLogin } from './password-login';
import { clearSession, loadSession, saveSession, sessionFor, type LoginRequest, type Session } from './session';

interface Auth {
  session: Session | null;
  /** Why the last session ended, when it was not the person's own choice. */
  notice: string | null;
  login: (request: LoginRequest) => Promise<CheckResult>;
  /** Ends the session: a cookie session on the manager too. */
  logout: (notice?: string) => void;
}

const AuthContext = createContext<Auth | null>(null);

async function startSession(request: LoginRequest): Promise<{ result: CheckResult; session?: Session }> {
  if (request.kind === 'token') {
    const session = sessionFor(request);
    const result = await checkCredentials(session);
    return { result, session };
  }
  const result = await passwordLogin(request.username, request.password);
  return { result, session: sessionFor({ kind: 'cookie', username: request.username }) };
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [notice, setNotice] = useState<string | null>(null);

  const login = useCallback(async (request: LoginRequest) => {
    const { result, session: candidate } = await startSession(request);
    if (result.ok && candidate) {
      saveSession(candidate);
      setNotice(null);
      setSession(candidate);
    }
    return result;
  }, []);

  const logout = useCallback(
    (why?: string) => {
      const forget = (): void => {
        clearSession();
        setNotice(why ?? null);
        setSession(null);
      };
      // Ended on the manager (before the login page shows) when the person chose to log out; a session the manager refused is gone there already.
      if (!why && session?.credentials.kind === 'cookie') void endSession().finally(forget);
      else forget();
    },
    [session],
  );

  const value = useMemo(() => ({ session, notice, login, logout }), [session, notice, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
