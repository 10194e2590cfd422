import type { Rejection } from './filters';
import { DEFAULT_FILTERS, Filter } from './filters';
import { nodeInfos, requirementsOf } from './node-info';
import type { CandidateNode, PlacedTask, UnplacedTask } from './types';

export interface NodeReport {
  nodeId: string;
  hostname: string;
  eligible: boolean;
  /** Every filter that rejects the node, in pipeline order. */
  rejections: (Rejection & { filter: string })[];
}

/**
 * Node by node, whether one more task like `task` could go there now and, if not,
 * every filter that says no. What `Service.placement` shows.
 */
export function placementReport(input: {
  nodes: readonly CandidateNode[];
  placed: readonly PlacedTask[];
  task: UnplacedTask;
  filters?: readonly Filter[];
}): NodeReport[] {
  const filters = input.filters ?? DEFAULT_FILTERS;
  const req = requirementsOf(input.task);
  return nodeInfos(input.nodes, input.placed).map((info) => {
    const rejections: NodeReport['rejections'] = [];
    for (const f of filters) {
      const r = f.check(info, req);
      if (r) rejections.push({ filter: f.name, ...r });
    }
    return { nodeId: info.node.id, hostname: info.node.hostname, eligible: rejections.length === 0, rejections };
  });
}
