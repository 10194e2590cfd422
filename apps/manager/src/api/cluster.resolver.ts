import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { ShoalError } from '../common/errors';
import { MANAGER_CONFIG, ManagerConfig } from '../config';
import { Store } from '../store/store';
import { ClusterModel } from './models/cluster.model';

@Resolver(() => ClusterModel)
export class ClusterResolver {
  constructor(
    private readonly store: Store,
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
  ) {}

  @Query(() => ClusterModel)
  cluster(): ClusterModel {
    const c = this.store.cluster();
    if (!c) throw new ShoalError('UNAVAILABLE', 'the cluster is not initialised yet; retry shortly');
    return {
      id: c.id,
      version: c.version,
      name: c.name,
      createdAt: c.createdAt,
      settings: { ...c.settings },
      joinTokens: { worker: c.workerJoinToken },
      clusterAddr: `${this.config.clusterHost}:${this.config.clusterPort}`,
      appliedIndex: this.store.appliedIndex,
    };
  }
}
