import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { TokenLoginForm } from './token-login-form';

describe('TokenLoginForm', () => {
  it('asks for a token before sending anything', async () => {
    const onSubmit = vi.fn();
    render(<TokenLoginForm onSubmit={onSubmit} />);
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('Paste an API token first.');
  });

  it('sends the trimmed token and shows why it was refused', async () => {
    const onSubmit = vi.fn().mockResolvedValue({ ok: false, message: 'The manager refused this token.' });
    render(<TokenLoginForm onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('API token'), '  shoal_abc  ');
    await userEvent.keyboard('{Enter}');
    expect(onSubmit).toHaveBeenCalledWith({ kind: 'token', token: 'shoal_abc' });
    expect(await screen.findByRole('alert')).toHaveTextContent('The manager refused this token.');
    expect(screen.getByLabelText('API token')).toBeInvalid();
  });
});
