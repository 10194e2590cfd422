import { Allow } from '../auth/allow.decorator';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { NodeMembershipService } from '../nodes/node-membership.service';
import { NodesService } from '../nodes/nodes.service';
import { RaftHost } from '../raft/raft-host';
import { Store } from '../store/store';
import { fromKeyValues } from './models/common.model';
import { ManagerStatusModel } from './models/manager-status.model';
import { NodeModel, toNodeModel } from './models/node.model';
import { TaskModel, toTaskModel } from './models/task.model';
import { UpdateNodeInput } from './inputs/node.input';

@Resolver(() => NodeModel)
export class NodeResolver {
  constructor(
    private readonly store: Store,
    private readonly nodesService: NodesService,
    private readonly membership: NodeMembershipService,
    private readonly raft: RaftHost,
  ) {}

  @Allow('VIEWER')
  @Query(() => [NodeModel])
  nodes(): NodeModel[] {
    return this.store
      .nodes()
      .sort((a, b) => (a.description.hostname < b.description.hostname ? -1 : a.description.hostname > b.description.hostname ? 1 : a.id < b.id ? -1 : 1))
      .map(toNodeModel);
  }

  @Allow('VIEWER')
  @Query(() => NodeModel, { nullable: true })
  node(@Args('id', { type: () => ID }) id: string): NodeModel | null {
    const n = this.store.node(id);
    return n ? toNodeModel(n) : null;
  }

  @Allow('OPERATOR')
  @Mutation(() => NodeModel, { description: 'Availability and operator labels; fails with CONFLICT when the node changed since `version`.' })
  async updateNode(
    @Args('id', { type: () => ID }) id: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('input') input: UpdateNodeInput,
  ): Promise<NodeModel> {
    return toNodeModel(await this.nodesService.update(id, version, { availability: input.availability ?? undefined, labels: fromKeyValues(input.labels) }));
  }

  @Allow('ADMIN')
  @Mutation(() => Boolean, {
    description:
      'Removes a node and revokes its credentials; its unfinished tasks become ORPHANED and are replaced elsewhere. CONFLICT while it is READY (unless force) or runs a voting manager (demote it first).',
  })
  async removeNode(@Args('id', { type: () => ID }) id: string, @Args('force', { defaultValue: false }) force: boolean): Promise<boolean> {
    await this.membership.remove(id, force);
    return true;
  }

  @Allow('ADMIN')
  @Mutation(() => NodeModel, {
    description:
      "Makes the node's agent start a manager on its host that joins the managers; role turns MANAGER once it has caught up and votes. Send it to the leader. Nothing happens for a manager.",
  })
  promoteNode(@Args('id', { type: () => ID }) id: string): NodeModel {
    return toNodeModel(this.membership.promote(id));
  }

  @Allow('ADMIN')
  @Mutation(() => NodeModel, {
    description:
      "Removes the manager on the node's host from Raft and has its agent stop it; role turns WORKER. Send it to the leader. CONFLICT for the last manager, the leader's own node, or when the voters left would lose their quorum. Nothing happens for a worker.",
  })
  demoteNode(@Args('id', { type: () => ID }) id: string): NodeModel {
    return toNodeModel(this.membership.demote(id));
  }

  @ResolveField(() => ManagerStatusModel, { nullable: true, description: 'The manager on its host; null when none runs there.' })
  managerStatus(@Parent() n: NodeModel): ManagerStatusModel | null {
    const memberId = this.store.node(n.id)?.description.managerMemberId;
    if (!memberId) return null;
    const raft = this.raft.status();
    const member = raft.members.find((m) => m.id === memberId);
    return {
      memberId,
      address: member?.address ?? '',
      voter: member !== undefined && member.role !== 'LEARNER',
      leader: raft.leader === memberId,
      reachable: member?.reachable ?? false,
    };
  }

  @ResolveField(() => [TaskModel])
  tasks(@Parent() n: NodeModel): TaskModel[] {
    return this.store
      .tasks({ nodeId: n.id })
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
      .map(toTaskModel);
  }
}
