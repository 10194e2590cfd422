import { CandidateNode, DEFAULT_FILTERS, Filter, UnplacedTask } from './filters';

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
 * (so the result is deterministic). Pure: no clock, no I/O.
 */
export function schedule(input: ScheduleInput): ScheduleResult {
  const filters = input.filters ?? DEFAULT_FILTERS;
  const total = new Map<string, number>();
  const perService = new Map<string, Map<string, number>>();
  const bump = (nodeId: string, serviceId: string): void => {
    total.set(nodeId, (total.get(nodeId) ?? 0) + 1);
    let counts = perService.get(serviceId);
    if (!counts) perService.set(serviceId, (counts = new Map<string, number>()));
    counts.set(nodeId, (counts.get(nodeId) ?? 0) + 1);
  };
  for (const t of input.placed) bump(t.nodeId, t.serviceId);

  const result: ScheduleResult = { assignments: [], unplaced: [] };
  for (const task of input.tasks) {
    let best: CandidateNode | undefined;
    let bestKey: [number, number] = [Infinity, Infinity];
    const verdicts: NodeVerdict[] = [];
    const serviceCounts = perService.get(task.serviceId);
    for (const node of input.nodes) {
      const rejected = firstRejection(filters, node, task);
      if (rejected) {
        verdicts.push({ nodeId: node.id, hostname: node.hostname, ...rejected });
        continue;
      }
      const key: [number, number] = [serviceCounts?.get(node.id) ?? 0, total.get(node.id) ?? 0];
      if (!best || key[0] < bestKey[0] || (key[0] === bestKey[0] && (key[1] < bestKey[1] || (key[1] === bestKey[1] && node.id < best.id)))) {
        best = node;
        bestKey = key;
      }
    }
    if (best) {
      result.assignments.push({ taskId: task.id, nodeId: best.id });
      bump(best.id, task.serviceId);
    } else {
      result.unplaced.push({ taskId: task.id, reason: explain(input.nodes.length, verdicts), verdicts });
    }
  }
  return result;
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
