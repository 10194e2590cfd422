import { useEffect } from 'react';
import { useAuth } from '../../auth/auth-context';
import { TokenLoginForm } from './token-login-form';

export default function LoginPage() {
  const { login, notice } = useAuth();
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
      <TokenLoginForm onSubmit={login} />
    </main>
  );
}
