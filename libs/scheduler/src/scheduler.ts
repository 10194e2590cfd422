import { CandidateNode, DEFAULT_FILTERS, Filter, UnplacedTask } from './filters';
import { Heap } from './heap';

/** A task already on a node, counted for spreading. */
export interface PlacedTask {
  nodeId: string;
  serviceId: string;
}

export interface ScheduleInput {
  nodes: readonly CandidateNode[];
  /** Tasks to place, in the order they should be placed. */
  tasks: readonly UnplacedTask[];
  /** Active tasks already on nodes. */
  placed: readonly PlacedTask[];
  filters?: readonly Filter[];
}

export interface NodeVerdict {
  nodeId: string;
  hostname: string;
  filter: string;
  reason: string;
}

export interface ScheduleResult {
  assignments: { taskId: string; nodeId: string }[];
  /** Tasks no node could take, with a summary and the verdict for every node. */
  unplaced: { taskId: string; reason: string; verdicts: NodeVerdict[] }[];
}

/**
 * Places tasks by spreading: among the nodes every filter accepts, the one with the
 * fewest tasks of the same service, then the fewest tasks overall, then the lowest id
 * (so the result is deterministic). Filters see a service's first task: the tasks of
 * one service share their placement rules. Pure: no clock, no I/O.
 */
export function schedule(input: ScheduleInput): ScheduleResult {
  const filters = input.filters ?? DEFAULT_FILTERS;
  const total = new Map<string, number>();
  const perService = new Map<string, Map<string, number>>();
  for (const t of input.placed) {
    total.set(t.nodeId, (total.get(t.nodeId) ?? 0) + 1);
    let counts = perService.get(t.serviceId);
    if (!counts) perService.set(t.serviceId, (counts = new Map<string, number>()));
    counts.set(t.nodeId, (counts.get(t.nodeId) ?? 0) + 1);
  }

  const result: ScheduleResult = { assignments: [], unplaced: [] };
  // Tasks are placed service by service (in order of each service's first task): the
  // filters are evaluated once per node and service, and a heap keyed by (tasks of this
  // service, tasks overall, id) gives the next node in O(log nodes).
  const groups = new Map<string, UnplacedTask[]>();
  for (const task of input.tasks) {
    const g = groups.get(task.serviceId);
    if (g) g.push(task);
    else groups.set(task.serviceId, [task]);
  }
  for (const [serviceId, tasks] of groups) {
    let counts = perService.get(serviceId);
    if (!counts) perService.set(serviceId, (counts = new Map<string, number>()));
    const verdicts: NodeVerdict[] = [];
    const slots: Slot[] = [];
    for (const node of input.nodes) {
      const rejected = firstRejection(filters, node, tasks[0]);
      if (rejected) verdicts.push({ nodeId: node.id, hostname: node.hostname, ...rejected });
      else slots.push({ id: node.id, service: counts.get(node.id) ?? 0, total: total.get(node.id) ?? 0 });
    }
    if (slots.length === 0) {
      const reason = explain(input.nodes.length, verdicts);
      for (const task of tasks) result.unplaced.push({ taskId: task.id, reason, verdicts });
      continue;
    }
    const heap = new Heap<Slot>(spreadOrder, slots);
    for (const task of tasks) {
      const best = heap.peek()!;
      result.assignments.push({ taskId: task.id, nodeId: best.id });
      best.service++;
      best.total++;
      heap.updateTop();
    }
    for (const slot of slots) {
      counts.set(slot.id, slot.service);
      total.set(slot.id, slot.total);
    }
  }
  return result;
}

interface Slot {
  id: string;
  service: number;
  total: number;
}

/** Spread: fewest tasks of the service, then fewest tasks overall, then lowest id. */
function spreadOrder(a: Slot, b: Slot): boolean {
  return a.service !== b.service ? a.service < b.service : a.total !== b.total ? a.total < b.total : a.id < b.id;
}

function firstRejection(filters: readonly Filter[], node: CandidateNode, task: UnplacedTask): { filter: string; reason: string } | null {
  for (const f of filters) {
    const reason = f.check(node, task);
    if (reason !== null) return { filter: f.name, reason };
  }
  return null;
}

/** "no suitable node (2 nodes: 1 node is drained; 1 node is not ready ...)" */
export function explain(nodeCount: number, verdicts: readonly NodeVerdict[]): string {
  if (nodeCount === 0) return 'no suitable node: the cluster has no nodes';
  const byReason = new Map<string, number>();
  for (const v of verdicts) byReason.set(v.reason, (byReason.get(v.reason) ?? 0) + 1);
  const parts = [...byReason.entries()].map(([reason, n]) => `${n} ${reason.replace(/^node is/, n === 1 ? 'node is' : 'nodes are')}`);
  return `no suitable node (${nodeCount} node${nodeCount === 1 ? '' : 's'}: ${parts.join('; ')})`;
}
