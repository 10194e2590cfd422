import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PasswordLoginForm } from './password-login-form';

describe('PasswordLoginForm', () => {
  it('asks for both fields before sending anything, at the field', async () => {
    const onSubmit = vi.fn();
    render(<PasswordLoginForm onSubmit={onSubmit} />);
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Username')).toBeInvalid();
    expect(screen.getByLabelText('Username')).toHaveAccessibleDescription('Enter your username.');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password.');
    expect(screen.getByLabelText('Username')).toHaveFocus();
  });

  it('sends the username and password and shows why the login was refused, clearing the password', async () => {
    const onSubmit = vi.fn().mockResolvedValue({ ok: false, message: 'Wrong username or password, or this user is disabled.' });
    render(<PasswordLoginForm onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Username'), ' ann ');
    await userEvent.type(screen.getByLabelText('Password'), 'hunter22!{Enter}');
    expect(onSubmit).toHaveBeenCalledWith({ kind: 'password', username: 'ann', password: 'hunter22!' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password');
    expect(screen.getByLabelText('Password')).toHaveValue('');
  });

  it('says it is busy while the manager answers', async () => {
    let answer: (r: { ok: true }) => void = () => undefined;
    const onSubmit = vi.fn().mockReturnValue(new Promise((resolve) => (answer = resolve)));
    render(<PasswordLoginForm onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Username'), 'ann');
    await userEvent.type(screen.getByLabelText('Password'), 'pw{Enter}');
    expect(screen.getByRole('button', { name: 'Logging in…' })).toBeDisabled();
    answer({ ok: true });
    expect(await screen.findByRole('button', { name: 'Log in' })).toBeEnabled();
  });
});
