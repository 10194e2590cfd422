import { Injectable } from '@nestjs/common';
import { ShoalError } from '../common/errors';
import { sha256 } from '../common/hash';
import { Store } from '../store/store';
import { CSRF_HEADER, Headers, bearerOf, headerOf, sessionCookieOf } from './credentials';
import { LastUseRecorder } from './last-use.recorder';
import type { Principal } from './principal';
import { lesserRole } from './roles';

/**
 * Turns credentials into a Principal by reading the replicated store on every call: no
 * cache, so a revoked token, a removed session or a disabled user is refused by every
 * manager as soon as it has applied that change. Tokens and sessions are found by the
 * sha256 of their secret (an index of the store).
 */
@Injectable()
export class Authenticator {
  clock: () => number = () => Date.now();

  constructor(
    private readonly store: Store,
    private readonly lastUse: LastUseRecorder,
  ) {}

  /**
   * HTTP: a bearer token first, else the session cookie, which must come with the CSRF
   * header. Null when no credentials are presented or they prove nothing.
   */
  fromHeaders(headers: Headers): Principal | null {
    const bearer = bearerOf(headerOf(headers, 'authorization'));
    if (bearer) return this.token(bearer);
    const session = sessionCookieOf(headerOf(headers, 'cookie'));
    if (!session) return null;
    if (!headerOf(headers, CSRF_HEADER)) {
      throw new ShoalError('FORBIDDEN', `a request authenticated by the session cookie must send the ${CSRF_HEADER} header (any value)`);
    }
    return this.session(session);
  }

  token(secret: string): Principal | null {
    const hash = sha256(secret);
    const now = this.clock();
    const t = this.store.tokenWithHash(hash);
    if (!t) return null;
    if (t.expiresAt && Date.parse(t.expiresAt) <= now) return null;
    let role = t.role;
    if (t.ownerId) {
      const owner = this.store.user(t.ownerId);
      if (!owner || owner.disabled) return null;
      role = lesserRole(role, owner.role);
    }
    this.lastUse.seen(t.id, now);
    return { kind: 'TOKEN', id: t.id, name: t.name, userId: t.ownerId, role };
  }

  session(secret: string): Principal | null {
    const hash = sha256(secret);
    const now = this.clock();
    const s = this.store.sessionWithHash(hash);
    if (!s || Date.parse(s.expiresAt) <= now) return null;
    const user = this.store.user(s.userId);
    if (!user || user.disabled) return null;
    return { kind: 'SESSION', id: s.id, name: user.username, userId: user.id, role: user.role };
  }
}
