import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../../auth/auth-context';
import LoginPage from './login-page';

afterEach(() => vi.unstubAllGlobals());

describe('LoginPage', () => {
  it('offers a password login first and an API token as the other way', async () => {
    render(
      <AuthProvider>
        <LoginPage />
      </AuthProvider>,
    );
    expect(screen.getByLabelText('Username')).toBeInTheDocument();
    expect(screen.queryByLabelText('API token')).toBeNull();
    expect(screen.getByLabelText('Username')).not.toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Use an API token instead' }));
    expect(screen.getByLabelText('API token')).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Log in with a username and password' }));
    expect(screen.getByLabelText('Username')).toBeInTheDocument();
  });

  it('tells a locked-out person when to try again', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValue(new Response(JSON.stringify({ errors: [{ message: 'locked', extensions: { code: 'RATE_LIMITED', retryAfterS: 840 } }] }))),
    );
    render(
      <AuthProvider>
        <LoginPage />
      </AuthProvider>,
    );
    await userEvent.type(screen.getByLabelText('Username'), 'ann');
    await userEvent.type(screen.getByLabelText('Password'), 'pw{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many failed logins: this login is locked for now. Try again in 14 minutes.');
  });
});
