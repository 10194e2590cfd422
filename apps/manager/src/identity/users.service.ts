import { Injectable } from '@nestjs/common';
import { ShoalError, badInput, conflict, notFound } from '../common/errors';
import { newId } from '../common/ids';
import { LoginLimiter } from '../auth/login.limiter';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password';
import type { Principal } from '../auth/principal';
import type { StoreAction } from '../store/actions';
import type { Role, UserObject } from '../store/objects';
import { Proposer } from '../store/proposer';
import { Store } from '../store/store';

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface NewUser {
  username: string;
  password: string;
  role: Role;
}

export interface UserPatch {
  role?: Role;
  password?: string;
  disabled?: boolean;
}

/**
 * Users: create, change (role, password, disabled), remove. Passwords are hashed with
 * bcrypt before the change is proposed. A password change, disabling or removal also
 * removes the user's sessions in the same entry; removal removes its tokens too. At
 * least one enabled admin user always remains once there is one.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly store: Store,
    private readonly proposer: Proposer,
    private readonly limiter: LoginLimiter,
  ) {}

  async create(input: NewUser): Promise<UserObject> {
    if (!USERNAME.test(input.username)) throw badInput('input.username', 'use 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit');
    checkPassword(input.password, 'input.password');
    if (this.store.userNamed(input.username)) throw conflict(`a user named ${JSON.stringify(input.username)} already exists`);
    const id = newId();
    const passwordHash = await hashPassword(input.password);
    await this.proposer.propose([
      {
        op: 'create',
        kind: 'user',
        object: { id, createdAt: new Date().toISOString(), username: input.username, role: input.role, passwordHash, disabled: false },
      },
    ]);
    return this.store.user(id)!;
  }

  async update(id: string, patch: UserPatch): Promise<UserObject> {
    const user = this.store.user(id);
    if (!user) throw notFound('user', id);
    const fields: Record<string, unknown> = {};
    if (patch.role !== undefined) fields.role = patch.role;
    if (patch.disabled !== undefined) fields.disabled = patch.disabled;
    if (patch.password !== undefined) {
      checkPassword(patch.password, 'input.password');
      fields.passwordHash = await hashPassword(patch.password);
    }
    const next: UserObject = { ...user, ...fields };
    if (isActiveAdmin(user) && !isActiveAdmin(next)) this.keepAnAdmin(user.id);
    const actions: StoreAction[] = [{ op: 'patch', kind: 'user', id, expectedVersion: user.version, fields }];
    if (fields.passwordHash || next.disabled) actions.push(...this.sessionRemovals(id));
    await this.proposer.propose(actions);
    return this.store.user(id)!;
  }

  /**
   * A user changes its own password, proving the current one (a stolen session alone
   * cannot lock its owner out). Failures count towards the lockout like failed logins.
   * Every other session of the user ends; the caller's stays.
   */
  async changePassword(principal: Principal, current: string, next: string): Promise<void> {
    const user = principal.kind === 'SESSION' && principal.userId ? this.store.user(principal.userId) : undefined;
    if (!user) throw new ShoalError('FORBIDDEN', 'log in to change your password: an API token cannot');
    checkPassword(next, 'newPassword');
    this.limiter.check(user.username, undefined);
    if (!(await verifyPassword(current, user.passwordHash))) throw new ShoalError('UNAUTHENTICATED', 'currentPassword: wrong password');
    const passwordHash = await hashPassword(next);
    await this.proposer.propose([
      { op: 'patch', kind: 'user', id: user.id, expectedVersion: user.version, fields: { passwordHash } },
      ...this.sessionRemovals(user.id).filter((a) => a.op === 'remove' && a.id !== principal.id),
    ]);
  }

  async remove(id: string): Promise<void> {
    const user = this.store.user(id);
    if (!user) throw notFound('user', id);
    if (isActiveAdmin(user)) this.keepAnAdmin(id);
    const tokens = this.store.tokens().filter((t) => t.ownerId === id);
    await this.proposer.propose([
      { op: 'remove', kind: 'user', id, expectedVersion: user.version },
      ...this.sessionRemovals(id),
      ...tokens.map((t): StoreAction => ({ op: 'remove', kind: 'token', id: t.id, ifExists: true })),
    ]);
  }

  private sessionRemovals(userId: string): StoreAction[] {
    return this.store
      .sessions()
      .filter((s) => s.userId === userId)
      .map((s) => ({ op: 'remove', kind: 'session', id: s.id, ifExists: true }));
  }

  private keepAnAdmin(leaving: string): void {
    if (!this.store.users().some((u) => u.id !== leaving && isActiveAdmin(u))) {
      throw conflict('this is the last enabled admin user: make another user an admin first');
    }
  }
}

function isActiveAdmin(u: UserObject): boolean {
  return u.role === 'ADMIN' && !u.disabled;
}

function checkPassword(password: string, field: string): void {
  const problem = passwordProblem(password);
  if (problem) throw badInput(field, problem);
}
