import { Allow } from '../auth/allow.decorator';
import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Store } from '../store/store';
import { NodeModel, toNodeModel } from './models/node.model';
import { ServiceModel, toServiceModel } from './models/service.model';
import { TaskModel, toTaskModel } from './models/task.model';
import { TaskFilterInput } from './inputs/service.input';
import { type Page, keysetPage, mapPage } from './pagination/keyset';
import { AFTER_DOC, FIRST_DOC } from './pagination/page.model';
import { TaskPageModel } from './pagination/pages';

@Resolver(() => TaskModel)
export class TaskResolver {
  constructor(private readonly store: Store) {}

  @Allow('VIEWER')
  @Query(() => TaskPageModel, { description: 'Tasks by service name and slot, newest first in a slot, a page at a time.' })
  tasks(
    @Args('first', { type: () => Int, nullable: true, description: FIRST_DOC }) first?: number,
    @Args('after', { nullable: true, description: AFTER_DOC }) after?: string,
    @Args('filter', { nullable: true }) filter?: TaskFilterInput,
  ): Page<TaskModel> {
    const matching = this.store
      .tasks({ serviceId: filter?.serviceId ?? undefined, nodeId: filter?.nodeId ?? undefined, desiredState: filter?.desiredState ?? undefined })
      .filter((t) => (filter?.state == null || t.status.state === filter.state) && (filter?.slot == null || t.slot === filter.slot));
    // Newest first in a slot: the negated creation time sorts ascending.
    return mapPage(
      keysetPage('tasks', matching, (t) => [t.serviceName, t.slot, -Date.parse(t.createdAt), t.id], { first, after }),
      toTaskModel,
    );
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
