import { Inject, Injectable } from '@nestjs/common';
import { ShoalError, badInput } from '../common/errors';
import { sha256 } from '../common/hash';
import { newId, newSecret } from '../common/ids';
import { auditContext } from '../audit/audit.context';
import { LoginLimiter } from '../auth/login.limiter';
import { verifyPassword } from '../auth/password';
import type { Principal } from '../auth/principal';
import { MANAGER_CONFIG, ManagerConfig } from '../config';
import type { UserObject } from '../store/objects';
import { Proposer } from '../store/proposer';
import { Store } from '../store/store';

export interface Login {
  user: UserObject;
  /** The cookie's value: shown to the browser once, stored as its sha256. */
  secret: string;
  expiresAt: string;
}

/**
 * Console sessions. A login checks the lockout, then the password (an unknown user costs
 * a bcrypt comparison too, and gets the same answer as a wrong password), and creates a
 * session in the same entry as its audit record. Logout removes the session.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly store: Store,
    private readonly proposer: Proposer,
    private readonly limiter: LoginLimiter,
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
  ) {}

  async login(username: string, password: string, clientAddr: string | undefined): Promise<Login> {
    if (username.length === 0 || username.length > 64) throw badInput('username', 'give a username of 1-64 characters');
    if (password.length === 0 || password.length > 1024) throw badInput('password', 'give a password');
    const pending = auditContext.getStore();
    try {
      this.limiter.check(username, clientAddr);
    } catch (err) {
      // Attempts refused while locked out are not written: they would let anyone fill the log.
      if (pending) pending.skip = true;
      throw err;
    }
    const user = this.store.userNamed(username);
    const ok = await verifyPassword(password, user?.passwordHash);
    if (!user || !ok || user.disabled) throw new ShoalError('UNAUTHENTICATED', 'wrong username or password');
    if (pending) pending.actor = { kind: 'USER', name: user.username };
    const secret = newSecret('shoalsess_');
    const expiresAt = new Date(Date.now() + this.config.access.sessionTtlSeconds * 1000).toISOString();
    await this.proposer.propose([
      { op: 'create', kind: 'session', object: { id: newId(), createdAt: new Date().toISOString(), userId: user.id, hash: sha256(secret), expiresAt } },
    ]);
    return { user, secret, expiresAt };
  }

  /** Ends the caller's session; false when the caller is not using one (an API token). */
  async logout(principal: Principal): Promise<boolean> {
    if (principal.kind !== 'SESSION') return false;
    await this.proposer.propose([{ op: 'remove', kind: 'session', id: principal.id, ifExists: true }]);
    return true;
  }
}
