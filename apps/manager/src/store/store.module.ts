import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { MANAGER_CONFIG, ManagerConfig } from '../config';
import { LocalProposer } from './local.proposer';
import { SqlitePersistence } from './persistence/sqlite.persistence';
import { Proposer } from './proposer';
import { Store } from './store';

class PersistenceCloser implements OnApplicationShutdown {
  constructor(@Inject(SqlitePersistence) private readonly persistence: SqlitePersistence) {}
  async onApplicationShutdown(): Promise<void> {
    await this.persistence.close();
  }
}

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
      provide: Proposer,
      inject: [Store, SqlitePersistence],
      useFactory: (store: Store, persistence: SqlitePersistence) => new LocalProposer(store, persistence),
    },
    PersistenceCloser,
  ],
  exports: [Store, Proposer],
})
export class StoreModule {}
