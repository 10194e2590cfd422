import { NodeVerdict, explain, firstRejection, verdictsOf } from './explain';
import { DEFAULT_FILTERS, Filter } from './filters';
import { nodeInfos, requirementsOf } from './node-info';
import { Branch, Slot, buildTree, nextPath, orderOf } from './rank';
import type { CandidateNode, PlacedTask, UnplacedTask } from './types';

export interface ScheduleInput {
  nodes: readonly CandidateNode[];
  /** Tasks to place, in the order they should be placed. */
  tasks: readonly UnplacedTask[];
  /** Tasks already on nodes, not ended. */
  placed: readonly PlacedTask[];
  filters?: readonly Filter[];
}

export interface ScheduleResult {
  assignments: { taskId: string; nodeId: string }[];
  /** Tasks no node could take, with a summary and the verdict for every node. */
  unplaced: { taskId: string; reason: string; verdicts: NodeVerdict[] }[];
}

/**
 * Places tasks service by service (in order of each service's first task). The tasks
 * of one service share their placement rules, so the filters run once per node and
 * service; the chosen node is checked again after each task, and leaves the ranking
 * when it cannot take one more (resources, ports, max replicas). Ranking: spread or
 * binpack within the leaves of the preference tree (rank.ts). Pure: no clock, no I/O.
 */
export function schedule(input: ScheduleInput): ScheduleResult {
  const filters = input.filters ?? DEFAULT_FILTERS;
  const infos = nodeInfos(input.nodes, input.placed);
  const groups = new Map<string, UnplacedTask[]>();
  for (const task of input.tasks) {
    const g = groups.get(task.serviceId);
    if (g) g.push(task);
    else groups.set(task.serviceId, [task]);
  }

  const result: ScheduleResult = { assignments: [], unplaced: [] };
  for (const [serviceId, tasks] of groups) {
    const first = tasks[0];
    const req = requirementsOf(first);
    const slots: Slot[] = [];
    for (const info of infos) if (!firstRejection(filters, info, req)) slots.push({ info, service: info.tasksOf(serviceId) });
    const root = buildTree(slots, first.placement?.spread ?? [], orderOf(first.placement?.strategy));
    // Only resources, ports and max replicas change as tasks are placed.
    const recheck = req.nanoCpus > 0 || req.memoryBytes > 0 || req.hostPorts.length > 0 || req.maxReplicasPerNode > 0;
    const path: Branch[] = [];
    let i = 0;
    for (; i < tasks.length; i++) {
      if (!nextPath(root, path)) break;
      const leaf = path[path.length - 1];
      const slot = leaf.heap!.peek()!;
      result.assignments.push({ taskId: tasks[i].id, nodeId: slot.info.node.id });
      slot.info.add(tasks[i]);
      slot.service++;
      for (const b of path) b.count++;
      if (recheck && firstRejection(filters, slot.info, req)) {
        leaf.heap!.pop();
        for (const b of path) b.live--;
      } else {
        leaf.heap!.updateTop();
      }
    }
    if (i === tasks.length) continue;
    const verdicts = verdictsOf(filters, infos, req);
    const reason = explain(input.nodes.length, verdicts);
    for (; i < tasks.length; i++) result.unplaced.push({ taskId: tasks[i].id, reason, verdicts });
  }
  return result;
}
