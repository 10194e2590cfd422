import { Injectable } from '@nestjs/common';
import { ShoalError, badInput, notFound } from '../common/errors';
import { sha256 } from '../common/hash';
import { newId, newSecret } from '../common/ids';
import type { Principal } from '../auth/principal';
import { roleAtLeast } from '../auth/roles';
import type { Role, TokenObject } from '../store/objects';
import { Proposer } from '../store/proposer';
import { Store } from '../store/store';

export const API_TOKEN_PREFIX = 'shoal_';

export interface NewToken {
  name: string;
  role: Role;
  expiresAt?: string;
}

/**
 * API tokens for automation. The secret is made here, returned once and stored as its
 * sha256. A token belongs to the user who created it and never does more than that
 * user's current role; admins see and revoke every token, others only their own.
 * Revoking removes the token: the next request with it fails on every manager.
 */
@Injectable()
export class TokensService {
  clock: () => number = () => Date.now();

  constructor(
    private readonly store: Store,
    private readonly proposer: Proposer,
  ) {}

  visibleTo(principal: Principal): TokenObject[] {
    return this.store.tokens().filter((t) => this.mayManage(principal, t));
  }

  async create(principal: Principal, input: NewToken): Promise<{ token: TokenObject; secret: string }> {
    const name = input.name.trim();
    if (name.length === 0 || name.length > 64 || /[\u0000-\u001f]/.test(name)) throw badInput('input.name', 'give 1-64 printable characters');
    if (!roleAtLeast(principal.role, input.role)) throw new ShoalError('FORBIDDEN', `you are ${principal.role} and cannot create a ${input.role} token`);
    let expiresAt: string | undefined;
    if (input.expiresAt !== undefined && input.expiresAt !== null) {
      const t = Date.parse(input.expiresAt);
      if (!/^\d{4}-\d\d-\d\dT/.test(input.expiresAt) || Number.isNaN(t))
        throw badInput('input.expiresAt', 'give an ISO 8601 time such as 2030-01-31T00:00:00Z');
      if (t <= this.clock()) throw badInput('input.expiresAt', 'must be in the future');
      expiresAt = new Date(t).toISOString();
    }
    const secret = newSecret(API_TOKEN_PREFIX);
    const id = newId();
    await this.proposer.propose([
      {
        op: 'create',
        kind: 'token',
        object: {
          id,
          createdAt: new Date().toISOString(),
          name,
          role: input.role,
          hash: sha256(secret),
          ...(principal.userId ? { ownerId: principal.userId } : {}),
          ...(expiresAt ? { expiresAt } : {}),
        },
      },
    ]);
    return { token: this.store.token(id)!, secret };
  }

  async revoke(principal: Principal, id: string): Promise<void> {
    const token = this.store.token(id);
    // Someone else's token is as good as absent: do not confirm it exists.
    if (!token || !this.mayManage(principal, token)) throw notFound('token', id);
    await this.proposer.propose([{ op: 'remove', kind: 'token', id }]);
  }

  private mayManage(principal: Principal, t: TokenObject): boolean {
    return principal.role === 'ADMIN' || (principal.userId !== undefined && t.ownerId === principal.userId);
  }
}
