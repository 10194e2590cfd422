import { Inject, Injectable, Logger } from '@nestjs/common';
import { newId, newSecret } from '../common/ids';
import { sha256 } from '../common/hash';
import { hashPassword } from '../auth/password';
import { MANAGER_CONFIG, ManagerConfig } from '../config';
import { Proposer } from '../store/proposer';
import { Store } from '../store/store';
import type { StoreAction } from '../store/actions';

export const JOIN_TOKEN_PREFIX = 'SHOALTKN-1-';
export const MANAGER_TOKEN_PREFIX = 'SHOALTKN-1-M';
const BOOTSTRAP_TOKEN_NAME = 'bootstrap-admin';
export const ADMIN_USERNAME = 'admin';

/**
 * Creates the cluster on first start (id, worker join token, settings) and makes sure
 * an admin token exists: SHOAL_ADMIN_TOKEN when set, else one generated and printed
 * once to stdout. Tokens are stored hashed only. With SHOAL_ADMIN_PASSWORD set and no
 * users yet, it also creates the first user, `admin` (docs/design/access.md).
 */
@Injectable()
export class ClusterBootstrap {
  private readonly log = new Logger('Cluster');

  constructor(
    private readonly store: Store,
    private readonly proposer: Proposer,
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
  ) {}

  async run(): Promise<void> {
    const now = new Date().toISOString();
    const actions: StoreAction[] = [];
    if (!this.store.cluster()) {
      actions.push({
        op: 'create',
        kind: 'cluster',
        object: {
          id: newId(),
          createdAt: now,
          name: 'shoal',
          workerJoinToken: newSecret(JOIN_TOKEN_PREFIX),
          managerJoinToken: newSecret(MANAGER_TOKEN_PREFIX),
          settings: {
            heartbeatPeriodMs: this.config.heartbeatPeriodMs,
            heartbeatGrace: this.config.heartbeatGrace,
            taskHistoryLimit: this.config.taskHistoryLimit,
            restartDelayMs: this.config.restartDelayMs,
          },
        },
      });
    }
    const existing = this.store.cluster();
    if (existing && !existing.managerJoinToken) {
      // A cluster created before managers could join.
      actions.push({ op: 'patch', kind: 'cluster', id: existing.id, fields: { managerJoinToken: newSecret(MANAGER_TOKEN_PREFIX) } });
    }
    let printed: string | undefined;
    const bootstrap = this.store.tokens().find((t) => t.name === BOOTSTRAP_TOKEN_NAME);
    if (this.config.adminToken) {
      const hash = sha256(this.config.adminToken);
      if (!bootstrap) actions.push(this.tokenAction(hash, now));
      else if (bootstrap.hash !== hash) actions.push({ op: 'patch', kind: 'token', id: bootstrap.id, fields: { hash } });
    } else if (this.store.tokens().length === 0) {
      printed = newSecret('shoal_');
      actions.push(this.tokenAction(sha256(printed), now));
    }
    if (this.config.adminPassword && this.store.users().length === 0) {
      // Only ever the first user: a password changed through the API is not reset on restart.
      const passwordHash = await hashPassword(this.config.adminPassword);
      actions.push({
        op: 'create',
        kind: 'user',
        object: { id: newId(), createdAt: now, username: ADMIN_USERNAME, role: 'ADMIN', passwordHash, disabled: false },
      });
    }
    if (actions.length > 0) await this.proposer.propose(actions);
    if (printed) {
      // Printed once, to stdout only: it is stored hashed and cannot be shown again.
      process.stdout.write(`\nAdmin API token (shown once, store it now):\n\n    ${printed}\n\n`);
    }
    this.log.log(`cluster ${this.store.cluster()!.id} ready at applied index ${this.store.appliedIndex}`);
  }

  private tokenAction(hash: string, now: string): StoreAction {
    return { op: 'create', kind: 'token', object: { id: newId(), createdAt: now, name: BOOTSTRAP_TOKEN_NAME, role: 'ADMIN', hash } };
  }
}
