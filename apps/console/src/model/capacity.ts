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
  hostname: string;
  description: { cpus: number; memoryBytes: number };
}
interface ServiceIn {
  id: string;
  spec: { resources: { reservations: { nanoCpus: number; memoryBytes: number } } };
}
interface TaskIn {
  serviceId: string;
  nodeId?: string | null;
  desiredState: string;
}

/**
 * Reserved against capacity, per node and in total. A task holds its service's
 * reservation on its node while it should run (desired RUNNING), as the scheduler
 * counts it. The API gives reservations per service spec, not per task, so during a
 * rolling update that changes them, tasks still on the old spec count with the new one.
 */
export function capacityByNode(
  nodes: readonly NodeIn[],
  services: readonly ServiceIn[],
  tasks: readonly TaskIn[],
): { nodes: NodeCapacity[]; total: NodeCapacity } {
  const reservation = new Map(services.map((s) => [s.id, s.spec.resources.reservations]));
  const rows = new Map<string, NodeCapacity>(
    nodes.map((n) => [
      n.id,
      {
        nodeId: n.id,
        hostname: n.hostname,
        nanoCpus: n.description.cpus * 1e9,
        nanoCpusReserved: 0,
        memoryBytes: n.description.memoryBytes,
        memoryReserved: 0,
      },
    ]),
  );
  for (const t of tasks) {
    const row = t.nodeId ? rows.get(t.nodeId) : undefined;
    const r = reservation.get(t.serviceId);
    if (!row || !r || t.desiredState !== 'RUNNING') continue;
    row.nanoCpusReserved += r.nanoCpus;
    row.memoryReserved += r.memoryBytes;
  }
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
