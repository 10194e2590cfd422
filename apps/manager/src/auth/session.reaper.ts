import { Injectable } from '@nestjs/common';
import type { StoreAction } from '../store/actions';
import { Proposer } from '../store/proposer';
import { Store } from '../store/store';

/** Leader loop: removes expired sessions (they are refused already; this keeps the store small). */
@Injectable()
export class SessionReaper {
  clock: () => number = () => Date.now();

  constructor(
    private readonly store: Store,
    private readonly proposer: Proposer,
  ) {}

  async run(): Promise<void> {
    const now = this.clock();
    const actions: StoreAction[] = this.store
      .sessions()
      .filter((s) => Date.parse(s.expiresAt) <= now)
      .slice(0, 1000)
      .map((s) => ({ op: 'remove', kind: 'session', id: s.id, ifExists: true }));
    if (actions.length > 0) await this.proposer.propose(actions);
  }
}
