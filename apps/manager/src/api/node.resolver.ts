import { Allow } from '../auth/allow.decorator';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { NodesService } from '../nodes/nodes.service';
import { Store } from '../store/store';
import { fromKeyValues } from './models/common.model';
import { NodeModel, toNodeModel } from './models/node.model';
import { TaskModel, toTaskModel } from './models/task.model';
import { UpdateNodeInput } from './inputs/node.input';
import { NodeFilterInput } from './inputs/list-filter.input';
import type { NodeObject } from '../store/objects';
import { DEFAULT_NESTED, MAX_PAGE, type Page, keysetPage, mapPage, pageSize } from './pagination/keyset';
import { AFTER_DOC, FIRST_DOC, NESTED_DOC, NESTED_FIRST_DOC } from './pagination/page.model';
import { NodePageModel } from './pagination/pages';

@Resolver(() => NodeModel)
export class NodeResolver {
  constructor(
    private readonly store: Store,
    private readonly nodesService: NodesService,
  ) {}

  @Allow('VIEWER')
  @Query(() => NodePageModel, { description: 'Nodes by hostname, a page at a time.' })
  nodes(
    @Args('first', { type: () => Int, nullable: true, description: FIRST_DOC }) first?: number,
    @Args('after', { nullable: true, description: AFTER_DOC }) after?: string,
    @Args('filter', { nullable: true }) filter?: NodeFilterInput,
  ): Page<NodeModel> {
    const matching = this.store.nodes().filter((n) => nodeMatches(n, filter));
    return mapPage(
      keysetPage('nodes', matching, (n) => [n.description.hostname, n.id], { first, after }),
      toNodeModel,
    );
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

  @ResolveField(() => [TaskModel], { description: `Tasks on the node, newest first: at most \`first\` (${NESTED_DOC}).` })
  tasks(@Parent() n: NodeModel, @Args('first', { type: () => Int, nullable: true, description: NESTED_FIRST_DOC }) first?: number): TaskModel[] {
    const size = pageSize(first, MAX_PAGE, DEFAULT_NESTED);
    return this.store
      .tasks({ nodeId: n.id })
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
      .slice(0, size)
      .map(toTaskModel);
  }
}

/** Whether `n` passes every field given in `filter` (Query.nodes). */
function nodeMatches(n: NodeObject, filter: NodeFilterInput | undefined | null): boolean {
  if (!filter) return true;
  if (filter.role != null && n.role !== (filter.role as string)) return false;
  if (filter.availability != null && n.availability !== (filter.availability as string)) return false;
  if (filter.state != null && n.status.state !== (filter.state as string)) return false;
  if (filter.hostnameContains != null && !n.description.hostname.toLowerCase().includes(filter.hostnameContains.toLowerCase())) return false;
  return true;
}
