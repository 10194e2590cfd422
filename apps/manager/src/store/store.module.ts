import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { MANAGER_CONFIG, ManagerConfig } from '../config';
import { memberId } from '../raft/member-id';
import { RaftHost } from '../raft/raft-host';
import { SqlitePersistence } from './persistence/sqlite.persistence';
import { Proposer } from './proposer';
import { RaftProposer } from './raft.proposer';
import { Store } from './store';

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
      provide: RaftProposer,
      inject: [Store, SqlitePersistence],
      useFactory: (store: Store, persistence: SqlitePersistence) => new RaftProposer(store, persistence),
    },
    {
      provide: RaftHost,
      inject: [RaftProposer, Store, MANAGER_CONFIG],
      useFactory: (proposer: RaftProposer, store: Store, config: ManagerConfig) => {
        const id = memberId(config.dataDir, config.raft.id);
        const members = config.raft.peers.size > 0 ? config.raft.peers : new Map([[id, `${config.clusterHost}:${config.clusterPort}`]]);
        const host = new RaftHost({
          id,
          members,
          secret: config.raft.secret,
          dataDir: config.dataDir,
          tickMs: config.raft.tickMs,
          electionTicks: config.raft.electionTicks,
          appliedIndex: store.appliedIndex,
          apply: (entries) => proposer.apply(entries),
        });
        proposer.host = host;
        return host;
      },
    },
    { provide: Proposer, useExisting: RaftProposer },
    StoreCloser,
  ],
  exports: [Store, Proposer, RaftHost],
})
export class StoreModule {}
