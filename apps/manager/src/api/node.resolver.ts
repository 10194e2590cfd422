import { Allow } from '../auth/allow.decorator';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { NodesService } from '../nodes/nodes.service';
import { Store } from '../store/store';
import { fromKeyValues } from './models/common.model';
import { NodeModel, toNodeModel } from './models/node.model';
import { TaskModel, toTaskModel } from './models/task.model';
import { UpdateNodeInput } from './inputs/node.input';

@Resolver(() => NodeModel)
export class NodeResolver {
  constructor(
    private readonly store: Store,
    private readonly nodesService: NodesService,
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

  @ResolveField(() => [TaskModel])
  tasks(@Parent() n: NodeModel): TaskModel[] {
    return this.store
      .tasks({ nodeId: n.id })
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
      .map(toTaskModel);
  }
}
