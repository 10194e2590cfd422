/** What a node has and what running tasks hold of it: the scheduler's view of room (reservations, not use). */
export interface NodeCapacity {
  nodeId: string;
  hostname: string;
  nanoCpus: number;
  nanoCpusReserved: number;
  memoryBytes: number;
  memoryReserved: number;
}

interface NodeIn {
  id: string;
  description: { hostname: string; cpus: number; memoryBytes: number };
  /** What its unfinished tasks reserve, summed by the manager (`Node.reserved`). */
  reserved: { nanoCpus: number; memoryBytes: number };
}

/** Reserved against capacity, per node and in total, as the scheduler counts room. */
export function capacityByNode(nodes: readonly NodeIn[]): { nodes: NodeCapacity[]; total: NodeCapacity } {
  const rows = new Map<string, NodeCapacity>(
    nodes.map((n) => [
      n.id,
      {
        nodeId: n.id,
        hostname: n.description.hostname,
        nanoCpus: n.description.cpus * 1e9,
        nanoCpusReserved: n.reserved.nanoCpus,
        memoryBytes: n.description.memoryBytes,
        memoryReserved: n.reserved.memoryBytes,
      },
    ]),
  );
  const list = [...rows.values()].sort((a, b) => a.hostname.localeCompare(b.hostname));
  const sum = (f: (n: NodeCapacity) => number) => list.reduce((a, n) => a + f(n), 0);
  return {
    nodes: list,
    total: {
      nodeId: '',
      hostname: 'All nodes',
      nanoCpus: sum((n) => n.nanoCpus),
      nanoCpusReserved: sum((n) => n.nanoCpusReserved),
      memoryBytes: sum((n) => n.memoryBytes),
      memoryReserved: sum((n) => n.memoryReserved),
    },
  };
}

/** Share of capacity, 0-100 and more when over-reserved; 0 for a node that reports none. */
export function percent(reserved: number, capacity: number): number {
  return capacity > 0 ? Math.round((reserved / capacity) * 100) : 0;
}
