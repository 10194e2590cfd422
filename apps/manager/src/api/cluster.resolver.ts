import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ShoalError } from '../common/errors';
import { MANAGER_CONFIG, ManagerConfig } from '../config';
import { ClusterSettingsService } from '../cluster/cluster-settings.service';
import type { ClusterObject } from '../store/objects';
import { Store } from '../store/store';
import { ClusterSettingsInput } from './inputs/cluster-settings.input';
import { ClusterModel } from './models/cluster.model';

@Resolver(() => ClusterModel)
export class ClusterResolver {
  constructor(
    private readonly store: Store,
    private readonly settingsService: ClusterSettingsService,
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
  ) {}

  @Query(() => ClusterModel)
  cluster(): ClusterModel {
    const c = this.store.cluster();
    if (!c) throw new ShoalError('UNAVAILABLE', 'the cluster is not initialised yet; retry shortly');
    return this.toModel(c);
  }

  @Mutation(() => ClusterModel, { description: 'Changes the settings given; the others keep their value.' })
  async updateClusterSettings(@Args('input') input: ClusterSettingsInput): Promise<ClusterModel> {
    return this.toModel(await this.settingsService.update({ taskHistoryLimit: input.taskHistoryLimit, restartDelayMs: input.restartDelayMs }));
  }

  private toModel(c: ClusterObject): ClusterModel {
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
