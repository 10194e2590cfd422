import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { ShoalError } from '../common/errors';
import { MANAGER_CONFIG, ManagerConfig } from '../config';
import type { AuditObject } from '../store/objects';
import { Store } from '../store/store';

export const LOGIN_OPERATION = 'login';
/** Proving a password again (changePassword) is guessed the same way: it counts too. */
export const PASSWORD_OPERATIONS = new Set([LOGIN_OPERATION, 'changePassword']);

/**
 * Lockout after repeated failed logins, per username and per client address. It counts
 * the failed-login audit records as they are applied, so every manager counts every
 * manager's failures: a guesser gains nothing by spreading attempts over managers.
 * A username (or address) with `max` failures within the lockout window is refused with
 * RATE_LIMITED until the oldest of them leaves the window; a successful login clears
 * its username's failures.
 */
@Injectable()
export class LoginLimiter implements OnModuleDestroy {
  clock: () => number = () => Date.now();
  private readonly failures = new Map<string, number[]>();
  private readonly windowMs: number;
  private readonly unwatch: () => void;

  constructor(
    store: Store,
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
  ) {
    this.windowMs = config.access.loginLockoutSeconds * 1000;
    for (const r of store.auditRecords()) this.hear(r);
    this.unwatch = store.watch((set) => {
      for (const c of set.changes) if (c.kind === 'audit' && c.action === 'CREATED') this.hear(c.object as AuditObject);
    });
  }

  onModuleDestroy(): void {
    this.unwatch();
  }

  /** Throws RATE_LIMITED when the username or the address is locked out. */
  check(username: string, clientAddr: string | undefined): void {
    const now = this.clock();
    const user = userKey(username);
    const userMax = this.config.access.loginMaxFailures;
    if (this.count(user, now) >= userMax) throw this.locked('for this user', user, userMax, now);
    const addr = clientAddr ? addrKey(clientAddr) : undefined;
    const addrMax = this.config.access.loginAddressMaxFailures;
    if (addr && this.count(addr, now) >= addrMax) throw this.locked('from this address', addr, addrMax, now);
  }

  /** RATE_LIMITED, saying when enough failures have left the window for one more attempt. */
  private locked(what: string, key: string, max: number, now: number): ShoalError {
    const kept = [...(this.failures.get(key) ?? [])].sort((a, b) => a - b);
    const freedAt = (kept[kept.length - max] ?? now) + this.windowMs;
    const retryAfterS = Math.max(1, Math.ceil((freedAt - now) / 1000));
    return new ShoalError('RATE_LIMITED', `too many failed logins ${what}; try again in ${retryAfterS} s`, undefined, retryAfterS);
  }

  /** Applies one audit record: a failed login or password change counts, a successful one clears its user. */
  hear(record: AuditObject): void {
    if (!PASSWORD_OPERATIONS.has(record.operation)) return;
    if (record.result === 'OK') {
      this.failures.delete(userKey(record.actor.name));
      return;
    }
    const at = Date.parse(record.createdAt);
    this.add(userKey(record.actor.name), at);
    if (record.clientAddr) this.add(addrKey(record.clientAddr), at);
  }

  private add(key: string, at: number): void {
    const list = this.failures.get(key) ?? [];
    list.push(at);
    this.failures.set(key, list);
  }

  private count(key: string, now: number): number {
    const list = this.failures.get(key);
    if (!list) return 0;
    const kept = list.filter((t) => t > now - this.windowMs);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept.length;
  }
}

const userKey = (username: string): string => `user:${username.toLowerCase()}`;
const addrKey = (addr: string): string => `addr:${addr}`;
