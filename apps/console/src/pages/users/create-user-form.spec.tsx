import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { apiError, renderWithApi } from '../../testing/with-api';
import { CreateUserForm } from './create-user-form';
import { OwnPasswordForm } from './own-password-form';

describe('CreateUserForm', () => {
  it('checks the fields first, then shows a taken username at its field', async () => {
    const onCreated = vi.fn();
    const { sent } = renderWithApi(<CreateUserForm onCreated={onCreated} />, () => apiError('CONFLICT', 'a user named "bob" already exists'));
    await userEvent.type(screen.getByLabelText('New username'), 'bob smith');
    await userEvent.type(screen.getByLabelText('Initial password'), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Create user' }));
    expect(sent).toEqual([]);
    expect(screen.getByLabelText('New username')).toHaveAccessibleDescription(/Use 1-64 letters/);
    expect(screen.getByLabelText('Initial password')).toHaveAccessibleDescription(/at least 8 characters/);

    await userEvent.clear(screen.getByLabelText('New username'));
    await userEvent.type(screen.getByLabelText('New username'), 'bob');
    await userEvent.type(screen.getByLabelText('Initial password'), '-and-longer');
    await userEvent.selectOptions(screen.getByLabelText('Role'), 'OPERATOR');
    await userEvent.click(screen.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByText('a user named "bob" already exists')).toBeInTheDocument();
    expect(screen.getByLabelText('New username')).toBeInvalid();
    expect(sent[0].variables).toEqual({ input: { username: 'bob', password: 'short-and-longer', role: 'OPERATOR' } });
    expect(onCreated).not.toHaveBeenCalled();
  });
});

describe('OwnPasswordForm', () => {
  it('asks for matching new passwords and says when the current one is wrong', async () => {
    renderWithApi(<OwnPasswordForm />, () => apiError('UNAUTHENTICATED', 'wrong password'));
    await userEvent.type(screen.getByLabelText('Current password'), 'old-password');
    await userEvent.type(screen.getByLabelText('New password'), 'new-password');
    await userEvent.type(screen.getByLabelText('New password again'), 'new-passw0rd');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(screen.getByLabelText('New password again')).toHaveAccessibleDescription('The two new passwords differ.');

    await userEvent.clear(screen.getByLabelText('New password again'));
    await userEvent.type(screen.getByLabelText('New password again'), 'new-password');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('That is not your current password.')).toBeInTheDocument();
    expect(screen.getByLabelText('Current password')).toBeInvalid();
  });
});
