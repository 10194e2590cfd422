import { Allow } from '../auth/allow.decorator';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { NodeMembershipService } from '../nodes/node-membership.service';
import { NodesService } from '../nodes/nodes.service';
import { RaftHost } from '../raft/raft-host';
import { Store } from '../store/store';
import { fromKeyValues } from './models/common.model';
import { ManagerStatusModel } from './models/manager-status.model';
import { ResourceReservationsModel } from './models/placement.model';
import { isTerminal } from '@shoal/protocol';
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
    private readonly membership: NodeMembershipService,
    private readonly raft: RaftHost,
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
      "Sets desiredRole MANAGER: the leader has the node's agent start a manager on its host that joins the managers; role turns MANAGER once it has caught up and votes (progress on roleMessage). Any manager accepts it. CONFLICT unless the node is READY. Nothing happens for a manager.",
  })
  async promoteNode(@Args('id', { type: () => ID }) id: string): Promise<NodeModel> {
    return toNodeModel(await this.membership.promote(id));
  }

  @Allow('ADMIN')
  @Mutation(() => NodeModel, {
    description:
      "Sets desiredRole WORKER: the leader hands leadership over if it runs on the node, removes the manager on the node's host from Raft once the reachable voters left keep their quorum, and has its agent stop it; role turns WORKER (progress on roleMessage). Any manager accepts it. CONFLICT for the last manager. Nothing happens for a worker.",
  })
  async demoteNode(@Args('id', { type: () => ID }) id: string): Promise<NodeModel> {
    return toNodeModel(await this.membership.demote(id));
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

  @ResolveField(() => ResourceReservationsModel, {
    description: "What the node's tasks that have not ended reserve of it, as the scheduler counts room (reservations, not use).",
  })
  reserved(@Parent() n: NodeModel): ResourceReservationsModel {
    let nanoCpus = 0;
    let memoryBytes = 0;
    for (const t of this.store.tasks({ nodeId: n.id })) {
      if (isTerminal(t.status.state)) continue;
      nanoCpus += t.spec.resources?.reservations?.nanoCpus ?? 0;
      memoryBytes += t.spec.resources?.reservations?.memoryBytes ?? 0;
    }
    return { nanoCpus, memoryBytes };
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
