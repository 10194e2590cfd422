import type { Headers } from './credentials';
import type { Principal } from './principal';

/** What a resolver sees of its request. */
export interface GqlContext {
  /** HTTP requests (queries and mutations). */
  req?: { headers: Headers; secure?: boolean };
  res?: { cookie(name: string, value: string, options: Record<string, unknown>): void; clearCookie(name: string, options: Record<string, unknown>): void };
  /** A subscription over WebSocket (Nest then sets `req` to graphql-ws's context: ignore it). */
  ws?: boolean;
  /** Subscriptions: the credentials checked at connection time, checked again per operation. */
  wsCredentials?: { bearer?: string; session?: string };
  clientAddr?: string;
  /** Set by the guard, for this request only. */
  principal?: Principal;
}
