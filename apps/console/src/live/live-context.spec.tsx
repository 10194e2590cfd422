import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Client } from 'urql';
import type { ApiClient, SocketState } from '../graphql/client';
import { LiveProvider, useLive, type ClusterEvent } from './live-context';

/** An API client whose socket state and events the test drives. */
function fakeApi() {
  let setState: (s: SocketState) => void = () => undefined;
  let push: (r: { data?: { events: ClusterEvent } }) => void = () => undefined;
  const client = { subscription: () => ({ subscribe: (cb: typeof push) => ((push = cb), { unsubscribe: () => undefined }) }) } as unknown as Client;
  const api = {
    client,
    onSocketState: (l: (s: SocketState) => void) => ((setState = l), () => undefined),
  } as unknown as ApiClient;
  return { api, state: (s: SocketState) => act(() => setState(s)), event: (e: ClusterEvent) => act(() => push({ data: { events: e } })) };
}

function Probe() {
  const { revision, connection, events } = useLive();
  return (
    <p>
      revision {revision}, {connection}, {events.length} events
    </p>
  );
}

const serviceEvent = (index: number): ClusterEvent => ({
  id: 's1',
  index,
  at: '2026-01-01T00:00:00Z',
  action: 'UPDATED',
  kind: 'SERVICE',
  node: null,
  task: null,
  service: { name: 'web', replicas: 3 },
});

describe('LiveProvider', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const advance = (ms: number) =>
    act(() => {
      vi.advanceTimersByTime(ms);
    });

  it('refetches once per burst of events and keeps the events', () => {
    const f = fakeApi();
    render(
      <LiveProvider api={f.api}>
        <Probe />
      </LiveProvider>,
    );
    f.state('connected');
    expect(screen.getByText('revision 0, live, 0 events')).toBeInTheDocument();
    f.event(serviceEvent(1));
    f.event(serviceEvent(2));
    advance(1000);
    expect(screen.getByText('revision 1, live, 2 events')).toBeInTheDocument();
  });

  it('polls while the socket is down and refetches once it is back', () => {
    const f = fakeApi();
    render(
      <LiveProvider api={f.api}>
        <Probe />
      </LiveProvider>,
    );
    f.state('connected');
    f.state('closed');
    expect(screen.getByText(/revision 0, polling/)).toBeInTheDocument();
    advance(5000 + 400);
    expect(screen.getByText(/revision 1, polling/)).toBeInTheDocument();
    advance(5000 + 400);
    expect(screen.getByText(/revision 2, polling/)).toBeInTheDocument();

    f.state('connecting');
    f.state('connected');
    advance(400);
    expect(screen.getByText(/revision 3, live/)).toBeInTheDocument();
    advance(20_000);
    expect(screen.getByText(/revision 3, live/)).toBeInTheDocument();
  });
});
