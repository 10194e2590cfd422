import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { MANAGER_CONFIG, ManagerConfig } from '../config';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { joinCluster } from '../raft/join';
import { memberId } from '../raft/member-id';
import { keepRaftSecret, raftSecret } from '../raft/raft-secret';
import { RaftHost } from '../raft/raft-host';
import { SqlitePersistence } from './persistence/sqlite.persistence';
import { AuditedProposer } from '../audit/audited.proposer';
import { Proposer } from './proposer';
import { RaftProposer } from './raft.proposer';
import { replicate } from './replicated-store';
import { Store } from './store';

const REPLICATED = Symbol('REPLICATED');
type Replicated = Awaited<ReturnType<typeof replicate>>;

class StoreCloser implements OnApplicationShutdown {
  constructor(
    @Inject(SqlitePersistence) private readonly persistence: SqlitePersistence,
    @Inject(RaftHost) private readonly raft: RaftHost,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    this.raft.stop();
    await this.persistence.close();
  }
}

/**
 * The replicated store: state loaded from SQLite (the state machine's durable copy at
 * its applied index), the Raft log replayed from there, and the Raft proposer as the
 * one way to change it. A single manager is a one-member Raft cluster.
 */
@Global()
@Module({
  providers: [
    {
      provide: SqlitePersistence,
      inject: [MANAGER_CONFIG],
      useFactory: (config: ManagerConfig) => SqlitePersistence.open(config.dataDir),
    },
    {
      provide: Store,
      inject: [SqlitePersistence],
      useFactory: async (persistence: SqlitePersistence) => {
        const store = new Store();
        const { objects, appliedIndex } = await persistence.loadAll();
        store.state.load(objects, appliedIndex);
        return store;
      },
    },
    {
      provide: REPLICATED,
      inject: [Store, SqlitePersistence, MANAGER_CONFIG],
      useFactory: async (store: Store, persistence: SqlitePersistence, config: ManagerConfig) => {
        const id = memberId(config.dataDir, config.raft.id);
        const address = config.clusterAdvertise;
        let members: ReadonlyMap<string, string> = config.raft.peers.size > 0 ? config.raft.peers : new Map([[id, address]]);
        let known: Map<string, string> | undefined;
        let secret = raftSecret(config.dataDir, config.raft.secret);
        if (config.raft.join) {
          // Joining (or joined): the members come from the leader's log, not from here.
          members = new Map();
          if (!existsSync(join(config.dataDir, 'raft', 'wal.log')) || store.appliedIndex === 0) {
            // Only a first join needs the token: a member restarting from its data folder has joined.
            if (!config.raft.joinToken)
              throw new Error("SHOAL_RAFT_JOIN needs SHOAL_JOIN_TOKEN to join: the cluster's manager join token (cluster { joinTokens { manager } })");
            const answer = await joinCluster(config.raft.join, { id, address, token: config.raft.joinToken ?? '' });
            secret = keepRaftSecret(config.dataDir, answer.secret);
            known = new Map(Object.entries(answer.members));
          }
        } else {
          secret ??= keepRaftSecret(config.dataDir); // the first manager of a new cluster
        }
        return replicate(store, persistence, {
          id,
          members,
          known,
          secret,
          dataDir: config.dataDir,
          tickMs: config.raft.tickMs,
          electionTicks: config.raft.electionTicks,
          compactAfter: config.raft.compactAfter,
          trailingEntries: config.raft.trailingEntries,
        });
      },
    },
    { provide: RaftProposer, inject: [REPLICATED], useFactory: (r: Replicated) => r.proposer },
    { provide: RaftHost, inject: [REPLICATED], useFactory: (r: Replicated) => r.raft },
    // The manager's code proposes through this: a mutation's audit record rides on its entry.
    { provide: Proposer, inject: [RaftProposer], useFactory: (raft: RaftProposer) => new AuditedProposer(raft) },
    StoreCloser,
  ],
  exports: [Store, Proposer, RaftHost],
})
export class StoreModule {}
