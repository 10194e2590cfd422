import { useState, type FormEvent } from 'react';
import type { LoginRequest } from '../../auth/session';
import type { CheckResult } from '../../auth/check-credentials';

/** Sign in with an API token: the secondary way, for the bootstrap admin token or a person without a user. */
export function TokenLoginForm({ onSubmit, autoFocus = false }: { onSubmit: (request: LoginRequest) => Promise<CheckResult>; autoFocus?: boolean }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (token.trim() === '') {
      setError('Paste an API token first.');
      return;
    }
    setBusy(true);
    setError(null);
    const result = await onSubmit({ kind: 'token', token: token.trim() });
    setBusy(false);
    if (!result.ok) setError(result.message);
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <div className="field">
        <label htmlFor="token">API token</label>
        <input
          id="token"
          name="token"
          type="password"
          autoFocus={autoFocus}
          autoComplete="off"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-invalid={error !== null}
          aria-describedby={error ? 'token-error token-help' : 'token-help'}
        />
        <p id="token-help" className="help">
          <code>npm start</code> prints the admin token; it is also in <code>.shoal/admin-token</code>.
        </p>
        {error && (
          <p id="token-error" className="error" role="alert">
            {error}
          </p>
        )}
      </div>
      <button type="submit" disabled={busy}>
        {busy ? 'Checking…' : 'Log in'}
      </button>
    </form>
  );
}
