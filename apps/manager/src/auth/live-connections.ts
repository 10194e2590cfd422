import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Store } from '../store/store';
import { Authenticator } from './authenticator';
import type { Role } from '../store/objects';

export interface ClosableSocket {
  close(code: number, reason: string): void;
  once(event: 'close', listener: () => void): unknown;
}

interface Live {
  credentials: { bearer?: string; session?: string };
  role: Role;
}

/** graphql-ws closes with 4403 Forbidden; clients then reconnect with what they have. */
const FORBIDDEN_CLOSE = 4403;
const RECHECK_MS = 10_000;

/**
 * Open subscription connections and the credentials they were opened with. When a token,
 * session or user changes (revoked, logged out, disabled, demoted), and every 10 s for
 * expiries, each connection is checked again; one whose credentials no longer hold, or
 * now give another role, is closed, so a revoked token stops streaming at once too.
 */
@Injectable()
export class LiveConnections implements OnModuleDestroy {
  private readonly open = new Map<ClosableSocket, Live>();
  private readonly unwatch: () => void;
  private readonly timer: NodeJS.Timeout;

  constructor(
    store: Store,
    private readonly auth: Authenticator,
  ) {
    this.unwatch = store.watch((set) => {
      if (set.changes.some((c) => c.kind === 'token' || c.kind === 'session' || c.kind === 'user')) this.recheck();
    });
    this.timer = setInterval(() => this.recheck(), RECHECK_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    this.unwatch();
    clearInterval(this.timer);
  }

  add(socket: ClosableSocket, credentials: Live['credentials'], role: Role): void {
    this.open.set(socket, { credentials, role });
    socket.once('close', () => this.open.delete(socket));
  }

  recheck(): void {
    for (const [socket, live] of this.open) {
      const { bearer, session } = live.credentials;
      const p = bearer ? this.auth.token(bearer) : session ? this.auth.session(session) : null;
      if (p && p.role === live.role) continue;
      this.open.delete(socket);
      socket.close(FORBIDDEN_CLOSE, 'Forbidden: the credentials were revoked or changed');
    }
  }
}
