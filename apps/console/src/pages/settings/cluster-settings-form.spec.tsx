import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, renderWithApi } from '../../testing/with-api';
import { ClusterSettingsForm } from './cluster-settings-form';

const saved = {
  data: {
    updateClusterSettings: {
      __typename: 'Cluster',
      id: 'c1',
      settings: { heartbeatPeriodMs: 1000, heartbeatGrace: 3, restartDelayMs: 250, taskHistoryLimit: 9 },
    },
  },
};

const current = { heartbeatPeriodMs: 1000, heartbeatGrace: 3, restartDelayMs: 5000, taskHistoryLimit: 5 };

describe('ClusterSettingsForm', () => {
  it('shows each bad value at its field and sends nothing', async () => {
    const { sent } = renderWithApi(<ClusterSettingsForm settings={current} />, () => saved);
    await userEvent.clear(screen.getByLabelText('Task history limit'));
    await userEvent.type(screen.getByLabelText('Task history limit'), '101');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(sent).toEqual([]);
    expect(screen.getByRole('alert')).toHaveTextContent('1 field needs attention.');
    expect(screen.getByLabelText('Task history limit')).toBeInvalid();
    expect(screen.getByLabelText('Task history limit')).toHaveAccessibleDescription(/from 1 to 100/);
    expect(screen.getByLabelText('Task history limit')).toHaveFocus();
    expect(screen.getByLabelText('Restart delay (ms)')).toBeValid();
  });

  it('sends the new values and says when they are saved', async () => {
    const { sent } = renderWithApi(<ClusterSettingsForm settings={current} />, () => saved);
    await userEvent.clear(screen.getByLabelText('Restart delay (ms)'));
    await userEvent.type(screen.getByLabelText('Restart delay (ms)'), '250');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved.');
    expect(sent[0].variables).toEqual({ input: { heartbeatPeriodMs: 1000, heartbeatGrace: 3, restartDelayMs: 250, taskHistoryLimit: 5 } });
  });

  it('edits the heartbeat period and grace, refusing values out of bounds at their field', async () => {
    const { sent } = renderWithApi(<ClusterSettingsForm settings={current} />, () => saved);
    const period = screen.getByLabelText('Heartbeat period (ms)');
    const grace = screen.getByLabelText('Heartbeat grace (missed heartbeats)');
    expect(period).toHaveValue(1000);
    expect(grace).toHaveValue(3);
    await userEvent.clear(period);
    await userEvent.type(period, '50');
    await userEvent.clear(grace);
    await userEvent.type(grace, '1');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(sent).toEqual([]);
    expect(screen.getByRole('alert')).toHaveTextContent('2 fields need attention.');
    expect(period).toHaveAccessibleDescription(/from 100 to 60,000/);
    expect(grace).toHaveAccessibleDescription(/from 2 to 100/);
    expect(period).toHaveFocus();

    await userEvent.clear(period);
    await userEvent.type(period, '250');
    await userEvent.clear(grace);
    await userEvent.type(grace, '2');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved.');
    expect(sent[0].variables).toEqual({ input: { heartbeatPeriodMs: 250, heartbeatGrace: 2, restartDelayMs: 5000, taskHistoryLimit: 5 } });
  });

  it("puts the API's field error at its field", async () => {
    renderWithApi(<ClusterSettingsForm settings={current} />, () => apiError('BAD_USER_INPUT', 'input.restartDelayMs: too long', 'input.restartDelayMs'));
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('input.restartDelayMs: too long')).toBeInTheDocument();
    expect(screen.getByLabelText('Restart delay (ms)')).toBeInvalid();
  });
});
