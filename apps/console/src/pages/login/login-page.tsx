import { useEffect, useState } from 'react';
import { useAuth } from '../../auth/auth-context';
import { PasswordLoginForm } from './password-login-form';
import { TokenLoginForm } from './token-login-form';

/** Username and password by default; an API token (the bootstrap admin's, or a script's) as the other way in. */
export default function LoginPage() {
  const { login, notice } = useAuth();
  const [withToken, setWithToken] = useState(false);
  // After switching, the first field of the other form has the focus (not on first load: the page starts at its top).
  const [switched, setSwitched] = useState(false);
  useEffect(() => {
    document.title = 'Log in · Shoal';
  }, []);
  return (
    <main className="login">
      <h1>Shoal</h1>
      <p>Log in to manage the cluster.</p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {withToken ? <TokenLoginForm onSubmit={login} autoFocus={switched} /> : <PasswordLoginForm onSubmit={login} autoFocus={switched} />}
      <p className="login-switch">
        <button type="button" className="button-quiet" onClick={() => (setWithToken(!withToken), setSwitched(true))}>
          {withToken ? 'Log in with a username and password' : 'Use an API token instead'}
        </button>
      </p>
    </main>
  );
}
