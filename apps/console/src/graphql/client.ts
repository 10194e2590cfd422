import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from 'urql';
import { createClient as createSocket, type Client as Socket } from 'graphql-ws';
import type { Session } from '../auth/session';

export type SocketState = 'connecting' | 'connected' | 'closed';

export interface ApiClient {
  client: Client;
  socket: Socket;
  /** Called with every change of the subscription socket's state. */
  onSocketState(listener: (state: SocketState) => void): () => void;
  dispose(): void;
}

/** Where the API lives: the page's own origin (the manager serves the console, Vite proxies it in development). */
export function apiUrl(): string {
  return new URL('/graphql', window.location.href).toString();
}

function socketUrl(): string {
  const url = new URL('/graphql', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * One urql client per session: queries and mutations over HTTP with the session's
 * credentials, subscriptions over graphql-ws on the same path. graphql-ws retries a
 * dropped socket and resubscribes on its own; `onSocketState` tells the live layer so it
 * can refetch what may have been missed and poll while the socket is down.
 */
export function createApiClient(session: Session, onUnauthenticated: () => void): ApiClient {
  const listeners = new Set<(state: SocketState) => void>();
  const emit = (state: SocketState): void => listeners.forEach((l) => l(state));
  const socket = createSocket({
    url: socketUrl(),
    connectionParams: () => session.headers(),
    retryAttempts: Infinity,
    shouldRetry: () => true,
    // graphql-ws backs off without a ceiling; after a long outage the console should be live again within seconds.
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** retries, 10_000) + Math.random() * 1000)),
    on: { connecting: () => emit('connecting'), connected: () => emit('connected'), closed: () => emit('closed') },
  });
  const client = new Client({
    url: apiUrl(),
    // POST always: Apollo's CSRF prevention refuses GET queries without a preflight header.
    preferGetMethod: false,
    fetchOptions: () => ({ headers: session.headers() }),
    exchanges: [
      mapExchange({
        onError(error) {
          if (error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) onUnauthenticated();
        },
      }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = socket.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
  return {
    client,
    socket,
    onSocketState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      listeners.clear();
      void socket.dispose();
    },
  };
}
