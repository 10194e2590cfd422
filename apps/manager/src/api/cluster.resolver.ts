import { Allow } from '../auth/allow.decorator';
import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ShoalError } from '../common/errors';
import { MANAGER_CONFIG, ManagerConfig } from '../config';
import { ClusterSettingsService } from '../cluster/cluster-settings.service';
import { RaftHost } from '../raft/raft-host';
import type { ClusterObject } from '../store/objects';
import { Store } from '../store/store';
import { ClusterSettingsInput } from './inputs/cluster-settings.input';
import { ClusterModel, JoinTokensModel } from './models/cluster.model';
import { RaftModel, RaftRole } from './models/raft.model';

@Resolver(() => ClusterModel)
export class ClusterResolver {
  constructor(
    private readonly store: Store,
    private readonly settingsService: ClusterSettingsService,
    private readonly raftHost: RaftHost,
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
  ) {}

  @Allow('VIEWER')
  @Query(() => ClusterModel)
  cluster(): ClusterModel {
    const c = this.store.cluster();
    if (!c) throw new ShoalError('UNAVAILABLE', 'the cluster is not initialised yet; retry shortly');
    return this.toModel(c);
  }

  @Allow('ADMIN')
  @Mutation(() => ClusterModel, { description: 'Changes the settings given; the others keep their value.' })
  async updateClusterSettings(@Args('input') input: ClusterSettingsInput): Promise<ClusterModel> {
    return this.toModel(
      await this.settingsService.update({
        heartbeatPeriodMs: input.heartbeatPeriodMs,
        heartbeatGrace: input.heartbeatGrace,
        taskHistoryLimit: input.taskHistoryLimit,
        restartDelayMs: input.restartDelayMs,
      }),
    );
  }

  @Allow('ADMIN')
  @ResolveField(() => JoinTokensModel, { description: 'Secrets: admins only.' })
  joinTokens(): JoinTokensModel {
    const c = this.store.cluster();
    if (!c) throw new ShoalError('UNAVAILABLE', 'the cluster is not initialised yet; retry shortly');
    return { worker: c.workerJoinToken, manager: c.managerJoinToken ?? '' };
  }

  @ResolveField(() => RaftModel, { description: 'Raft as this manager sees it: leader, term, indexes and every member.' })
  raft(): RaftModel {
    const s = this.raftHost.status();
    return { ...s, role: s.role.toUpperCase() as RaftRole, members: s.members.map((m) => ({ ...m, role: RaftRole[m.role] })) };
  }

  @Allow('ADMIN')
  @Mutation(() => Boolean, {
    description:
      'Removes a manager from the Raft group (send it to the leader). Refused with CONFLICT when the voters left that the leader can reach would be fewer than their quorum, unless force. Stop the removed manager afterwards.',
  })
  removeManager(@Args('id', { type: () => ID }) id: string, @Args('force', { defaultValue: false }) force: boolean): boolean {
    this.raftHost.removeMember(id, force);
    return true;
  }

  @Allow('ADMIN')
  @Mutation(() => Boolean, {
    description: 'Hands Raft leadership to another voting manager (send it to the leader), e.g. before restarting the leader for maintenance.',
  })
  transferLeadership(@Args('to', { type: () => ID }) to: string): boolean {
    this.raftHost.transferLeadership(to);
    return true;
  }

  private toModel(c: ClusterObject): ClusterModel {
    return {
      id: c.id,
      version: c.version,
      name: c.name,
      createdAt: c.createdAt,
      settings: { ...c.settings },
      clusterAddr: this.config.clusterAdvertise,
      appliedIndex: this.store.appliedIndex,
    };
  }
}
