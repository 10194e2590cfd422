import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithApi, type Operation } from '../../testing/with-api';
import { TokensSection } from './tokens-section';

const token = {
  __typename: 'ApiToken',
  id: 't1',
  name: 'ci',
  role: 'VIEWER',
  owner: 'ann',
  createdAt: '2026-01-01T00:00:00Z',
  expiresAt: null,
  lastUsedAt: null,
};

function manager() {
  let tokens: (typeof token)[] = [];
  return (op: Operation) => {
    if (op.query.includes('createToken')) {
      tokens = [token];
      return {
        data: { createToken: { __typename: 'CreatedToken', secret: 'shoal_s3cret', token: { __typename: 'ApiToken', id: 't1', name: 'ci', role: 'VIEWER' } } },
      };
    }
    if (op.query.includes('revokeToken')) {
      tokens = [];
      return { data: { revokeToken: true } };
    }
    return { data: { tokens: { totalCount: tokens.length, items: tokens } } };
  };
}

describe('TokensSection', () => {
  it('creates a token, shows its secret once, and revokes it', async () => {
    const { sent } = renderWithApi(<TokensSection me={{ kind: 'SESSION', name: 'ann', role: 'OPERATOR', userId: 'u1' }} />, manager());
    expect(await screen.findByText('No API tokens yet.')).toBeInTheDocument();
    // An operator may not give a token more than its own role.
    expect(
      within(screen.getByLabelText('Token role'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['OPERATOR', 'VIEWER']);

    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(screen.getByLabelText('Token name')).toHaveAccessibleDescription(/Give the token a name/);

    await userEvent.type(screen.getByLabelText('Token name'), 'ci');
    await userEvent.selectOptions(screen.getByLabelText('Expires'), 'Never');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByLabelText('Secret of token ci')).toHaveTextContent('shoal_s3cret');
    expect(sent.find((o) => o.query.includes('createToken'))?.variables).toEqual({ input: { name: 'ci', role: 'VIEWER' } });
    await screen.findByRole('row', { name: /ci VIEWER ann/ });

    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByText('shoal_s3cret')).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Revoke ci' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, revoke ci' }));
    expect(await screen.findByText('No API tokens yet.')).toBeInTheDocument();
  });
});
