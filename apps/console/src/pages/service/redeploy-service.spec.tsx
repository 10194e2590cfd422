import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, renderWithApi } from '../../testing/with-api';
import { RedeployService } from './redeploy-service';

describe('RedeployService', () => {
  it('asks once more, then sends a forced update of the version shown', async () => {
    const { sent } = renderWithApi(<RedeployService id="s1" name="web" version={7} />, () => ({ data: { updateService: { id: 's1', version: 8 } } }));
    await userEvent.click(screen.getByRole('button', { name: 'Redeploy' }));
    expect(screen.getByRole('group', { name: /Replace every task of web\?/ })).toBeInTheDocument();
    expect(sent).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Yes, redeploy web' }));
    expect(sent.map((op) => op.variables)).toEqual([{ id: 's1', version: 7, input: { force: true } }]);
    expect(await screen.findByRole('button', { name: 'Redeploy' })).toBeInTheDocument();
  });

  it('shows why the manager refused, and keeps asking', async () => {
    renderWithApi(<RedeployService id="s1" name="web" version={7} />, () => apiError('CONFLICT', 'service web changed since version 7'));
    await userEvent.click(screen.getByRole('button', { name: 'Redeploy' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, redeploy web' }));
    expect(await screen.findByText(/service web changed since version 7/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Yes, redeploy web' })).toBeInTheDocument();
  });
});
