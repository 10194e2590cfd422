import { Allow } from '../auth/allow.decorator';
import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Store } from '../store/store';
import { NodeModel, toNodeModel } from './models/node.model';
import { ServiceModel, toServiceModel } from './models/service.model';
import { TaskModel, toTaskModel } from './models/task.model';
import { TaskFilterInput } from './inputs/service.input';

@Resolver(() => TaskModel)
export class TaskResolver {
  constructor(private readonly store: Store) {}

  @Allow('VIEWER')
  @Query(() => [TaskModel])
  tasks(@Args('filter', { nullable: true }) filter?: TaskFilterInput): TaskModel[] {
    return this.store
      .tasks({ serviceId: filter?.serviceId ?? undefined, nodeId: filter?.nodeId ?? undefined, desiredState: filter?.desiredState ?? undefined })
      .sort((a, b) => (a.serviceName < b.serviceName ? -1 : a.serviceName > b.serviceName ? 1 : a.slot - b.slot || (a.createdAt < b.createdAt ? 1 : -1)))
      .map(toTaskModel);
  }

  @Allow('VIEWER')
  @Query(() => TaskModel, { nullable: true })
  task(@Args('id', { type: () => ID }) id: string): TaskModel | null {
    const t = this.store.task(id);
    return t ? toTaskModel(t) : null;
  }

  @ResolveField(() => ServiceModel, { nullable: true, description: 'Null once the service is removed.' })
  service(@Parent() t: TaskModel): ServiceModel | null {
    const s = this.store.service(t.serviceId);
    return s ? toServiceModel(s) : null;
  }

  @ResolveField(() => NodeModel, { nullable: true })
  node(@Parent() t: TaskModel): NodeModel | null {
    const n = t.nodeId ? this.store.node(t.nodeId) : undefined;
    return n ? toNodeModel(n) : null;
  }
}
