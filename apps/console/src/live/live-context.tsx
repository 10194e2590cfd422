import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { Provider as UrqlProvider } from 'urql';
import type { ApiClient } from '../graphql/client';
import { EventsSubscription } from '../graphql/events.subscription';
import type { ResultOf } from '../graphql/graphql';

export type ClusterEvent = ResultOf<typeof EventsSubscription>['events'];
export type Connection = 'connecting' | 'live' | 'polling';

interface Live {
  /** Moves whenever what the pages show may be stale: after events, a reconnect, or a poll. */
  revision: number;
  connection: Connection;
  /** Newest first, at most KEEP_EVENTS. */
  events: ClusterEvent[];
}

const KEEP_EVENTS = 500;
/** Events come in bursts (one scale touches many tasks): refetch at most this often. */
const REFRESH_MS = 400;
/** While the socket is down, refetch on this period instead. */
const POLL_MS = 5000;

const LiveContext = createContext<Live>({ revision: 0, connection: 'connecting', events: [] });

/**
 * Keeps the console live: one `events` subscription for the whole session. Events feed
 * the Events page and tell every open query to refetch. When the socket comes back, the
 * subscription starts again after the last event's cursor, so the manager replays what
 * was missed; only when it cannot (a RESYNC event) or no event came yet do the queries
 * refetch. While the socket stays down they poll.
 */
export function LiveProvider({ api, children }: { api: ApiClient; children: ReactNode }) {
  const [revision, setRevision] = useState(0);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [events, setEvents] = useState<ClusterEvent[]>([]);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const refresh = (): void => {
      if (pending.current) return;
      pending.current = setTimeout(() => {
        pending.current = null;
        setRevision((r) => r + 1);
      }, REFRESH_MS);
    };
    let poll: ReturnType<typeof setInterval> | null = null;
    let connectedBefore = false;
    let cursor: string | null = null;
    let subscription: { unsubscribe(): void } | null = null;
    let generation = 0;
    const stopPolling = (): void => {
      if (poll) clearInterval(poll);
      poll = null;
    };
    const subscribe = (after: string | null): void => {
      const previous = subscription;
      // graphql-ws resubscribes the previous one with its old cursor: only the newest subscription counts.
      const mine = ++generation;
      subscription = api.client.subscription(EventsSubscription, { after }).subscribe((result) => {
        const event = result.data?.events;
        if (!event || mine !== generation) return;
        cursor = event.cursor;
        if (event.action !== 'RESYNC') setEvents((list) => [event, ...list].slice(0, KEEP_EVENTS));
        refresh();
      });
      previous?.unsubscribe();
    };
    const offState = api.onSocketState((state) => {
      if (state === 'connected') {
        stopPolling();
        setConnection('live');
        if (connectedBefore) {
          if (cursor) subscribe(cursor);
          else refresh();
        }
        connectedBefore = true;
      } else if (state === 'closed') {
        setConnection('polling');
        poll ??= setInterval(refresh, POLL_MS);
      }
    });
    subscribe(null);
    return () => {
      offState();
      subscription?.unsubscribe();
      subscription = null;
      stopPolling();
      if (pending.current) clearTimeout(pending.current);
      pending.current = null;
    };
  }, [api]);

  return (
    <UrqlProvider value={api.client}>
      <LiveContext.Provider value={{ revision, connection, events }}>{children}</LiveContext.Provider>
    </UrqlProvider>
  );
}

export function useLive(): Live {
  return useContext(LiveContext);
}
