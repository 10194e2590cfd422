import type { Filter, Rejection } from './filters';
import type { NodeInfo, Requirements } from './node-info';

export interface NodeVerdict extends Rejection {
  nodeId: string;
  hostname: string;
  filter: string;
}

export function firstRejection(filters: readonly Filter[], info: NodeInfo, req: Requirements): (Rejection & { filter: string }) | null {
  for (const f of filters) {
    const r = f.check(info, req);
    if (r !== null) return { filter: f.name, ...r };
  }
  return null;
}

/** Every node's first rejection; nodes that would take the task are left out. */
export function verdictsOf(filters: readonly Filter[], infos: readonly NodeInfo[], req: Requirements): NodeVerdict[] {
  const verdicts: NodeVerdict[] = [];
  for (const info of infos) {
    const r = firstRejection(filters, info, req);
    if (r) verdicts.push({ nodeId: info.node.id, hostname: info.node.hostname, ...r });
  }
  return verdicts;
}

const MAX_GROUPS = 5;

/**
 * "no suitable node (3 nodes: 2 nodes fail constraint node.labels.zone==eu (node.labels.zone
 * is not set); 1 node has 0.5 CPU free, 1 needed)": nodes counted by reason, most first;
 * a detail is shown when every node of its group shares it.
 */
export function explain(nodeCount: number, verdicts: readonly Rejection[]): string {
  if (nodeCount === 0) return 'no suitable node: the cluster has no nodes';
  const groups = new Map<string, { n: number; detail: string | undefined }>();
  for (const v of verdicts) {
    const g = groups.get(v.reason);
    if (!g) groups.set(v.reason, { n: 1, detail: v.detail });
    else {
      g.n++;
      if (g.detail !== v.detail) g.detail = undefined;
    }
  }
  const sorted = [...groups.entries()].sort((a, b) => b[1].n - a[1].n);
  const parts = sorted.slice(0, MAX_GROUPS).map(([reason, g]) => `${g.n} ${plural(reason, g.n)}${g.detail ? ` (${g.detail})` : ''}`);
  const rest = sorted.slice(MAX_GROUPS).reduce((sum, [, g]) => sum + g.n, 0);
  if (rest > 0) parts.push(`${rest} more node${rest === 1 ? '' : 's'} for other reasons`);
  return `no suitable node (${nodeCount} node${nodeCount === 1 ? '' : 's'}: ${parts.join('; ')})`;
}

const PLURALS: [string, string][] = [
  ['node is ', 'nodes are '],
  ['node has ', 'nodes have '],
  ['node fails ', 'nodes fail '],
  ['node already publishes ', 'nodes already publish '],
  ['node already runs ', 'nodes already run '],
  ['node ', 'nodes '],
];

function plural(reason: string, n: number): string {
  if (n === 1) return reason;
  for (const [one, many] of PLURALS) if (reason.startsWith(one)) return many + reason.slice(one.length);
  return reason;
}
