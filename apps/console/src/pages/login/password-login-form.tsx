import { useState, type FormEvent } from 'react';
import type { CheckResult } from '../../auth/check-credentials';
import type { LoginRequest } from '../../auth/session';
import { FormField } from '../../components/form-field';

type Errors = { username?: string; password?: string; form?: string };

/** Sign in with a username and password: the manager answers with an httpOnly session cookie. */
export function PasswordLoginForm({ onSubmit, autoFocus = false }: { onSubmit: (request: LoginRequest) => Promise<CheckResult>; autoFocus?: boolean }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const missing: Errors = {
      ...(username.trim() === '' ? { username: 'Enter your username.' } : {}),
      ...(password === '' ? { password: 'Enter your password.' } : {}),
    };
    setErrors(missing);
    if (missing.username || missing.password) {
      document.getElementById(missing.username ? 'username' : 'password')?.focus();
      return;
    }
    setBusy(true);
    const result = await onSubmit({ kind: 'password', username: username.trim(), password });
    setBusy(false);
    if (!result.ok) {
      setErrors({ form: result.message });
      setPassword('');
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <FormField id="username" label="Username" error={errors.username}>
        {(control) => (
          <input {...control} name="username" autoFocus={autoFocus} autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
        )}
      </FormField>
      <FormField id="password" label="Password" error={errors.password}>
        {(control) => (
          <input {...control} name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        )}
      </FormField>
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Logging in…' : 'Log in'}
      </button>
    </form>
  );
}
