import type { Role } from '../store/objects';

/** Who a request acts as, read from the replicated store on every request (never cached). */
export interface Principal {
  /** SESSION: a user logged in through the console; TOKEN: an API token. */
  kind: 'SESSION' | 'TOKEN';
  /** The session's or the token's id. */
  id: string;
  /** The username (session) or the token's name. */
  name: string;
  /** The user behind it; undefined for the bootstrap admin token. */
  userId?: string;
  /** The effective role: a token's role capped by its owner's. */
  role: Role;
}
