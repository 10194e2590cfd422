import { act, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RolloutPanel } from './rollout-panel';

describe('RolloutPanel', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.parse('2026-06-01T00:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('shows each slot with the spec it runs, failures against the allowed, and counts the monitor period down', () => {
    render(
      <RolloutPanel
        status={{
          state: 'UPDATING',
          message: 'update in progress',
          failures: 1,
          failuresAllowed: 1,
          monitorUntil: '2026-06-01T00:00:03Z',
          slots: [
            { slot: 1, state: 'UPDATED' },
            { slot: 2, state: 'FAILED' },
          ],
        }}
      />,
    );
    expect(screen.getByRole('heading', { name: /Rolling update in progress/ })).toBeInTheDocument();
    const slots = within(screen.getByRole('list', { name: 'Slots' })).getAllByRole('listitem');
    expect(slots.map((s) => s.textContent)).toEqual(['Slot 1: new spec', 'Slot 2: failed']);
    expect(screen.getByText('1 failed of 1 allowed')).toBeInTheDocument();
    expect(screen.getByText(/completes in 3 s/)).toBeInTheDocument();
    act(() => {
      vi.advanceTimersByTime(2000);
    });
    expect(screen.getByText(/completes in 1 s/)).toBeInTheDocument();
  });

  it('after a rollback shows only why, without the slots', () => {
    render(
      <RolloutPanel
        status={{
          state: 'ROLLBACK_COMPLETED',
          message: 'rollback completed: 1 of 1 new tasks failed',
          failures: 0,
          failuresAllowed: 0,
          slots: [{ slot: 1, state: 'UPDATED' }],
        }}
      />,
    );
    expect(screen.getByRole('heading', { name: /Rolled back/ })).toBeInTheDocument();
    expect(screen.getByText(/1 of 1 new tasks failed/)).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Slots' })).toBeNull();
  });
});
