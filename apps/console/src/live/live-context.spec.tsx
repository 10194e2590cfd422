import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Client } from 'urql';
import type { ApiClient, SocketState } from '../graphql/client';
import { LiveProvider, useLive, type ClusterEvent } from './live-context';

type Push = (r: { data?: { events: ClusterEvent } }) => void;

/** An API client whose socket state and events the test drives; it records every subscription. */
function fakeApi() {
  let setState: (s: SocketState) => void = () => undefined;
  const subscriptions: { variables: { after?: string | null }; push: Push; closed: boolean }[] = [];
  const client = {
    subscription: (_query: unknown, variables: { after?: string | null }) => ({
      subscribe: (push: Push) => {
        const s = { variables, push, closed: false };
        subscriptions.push(s);
        return { unsubscribe: () => (s.closed = true) };
      },
    }),
  } as unknown as Client;
  const api = {
    client,
    onSocketState: (l: (s: SocketState) => void) => ((setState = l), () => undefined),
  } as unknown as ApiClient;
  return {
    api,
    subscriptions,
    state: (s: SocketState) => act(() => setState(s)),
    /** Delivers on the newest subscription, or on the given one. */
    event: (e: ClusterEvent, on = subscriptions[subscriptions.length - 1]) => act(() => on.push({ data: { events: e } })),
  };
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
  cursor: `c1:${index}:0`,
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

  it('after a reconnect resumes after the last cursor instead of refetching, and refetches on RESYNC', () => {
    const f = fakeApi();
    render(
      <LiveProvider api={f.api}>
        <Probe />
      </LiveProvider>,
    );
    f.state('connected');
    expect(f.subscriptions.map((s) => s.variables.after)).toEqual([null]);
    f.event(serviceEvent(7));
    advance(400);
    expect(screen.getByText('revision 1, live, 1 events')).toBeInTheDocument();

    f.state('closed');
    f.state('connecting');
    f.state('connected');
    expect(f.subscriptions.map((s) => s.variables.after)).toEqual([null, 'c1:7:0']);
    expect(f.subscriptions[0].closed).toBe(true);
    advance(400);
    expect(screen.getByText('revision 1, live, 1 events')).toBeInTheDocument();

    // What the old subscription still delivers is ignored; the replay counts.
    f.event(serviceEvent(8), f.subscriptions[0]);
    f.event(serviceEvent(8));
    advance(400);
    expect(screen.getByText('revision 2, live, 2 events')).toBeInTheDocument();

    f.event({ ...serviceEvent(9), kind: 'CLUSTER', action: 'RESYNC', service: null });
    advance(400);
    expect(screen.getByText('revision 3, live, 2 events')).toBeInTheDocument();
  });
});
