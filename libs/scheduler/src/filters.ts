import { violation } from './constraint';
import type { NodeInfo, Requirements } from './node-info';
import { platformText, runsOn } from './platform';

/**
 * Why a node cannot take a task. `reason` is shared by every node rejected the same way
 * (explanations count nodes by it) and starts with "node ": "node is drained".
 * `detail` is what is particular to this node.
 */
export interface Rejection {
  reason: string;
  detail?: string;
}

/** One step of the filter pipeline: null when the node may take the task. */
export interface Filter {
  readonly name: string;
  check(node: NodeInfo, req: Requirements): Rejection | null;
}

export const readyFilter: Filter = {
  name: 'ready',
  check: (n) => (n.node.ready ? null : { reason: 'node is not ready (down or not connected)' }),
};

export const availabilityFilter: Filter = {
  name: 'availability',
  check: (n) => {
    switch (n.node.availability) {
      case 'ACTIVE':
        return null;
      case 'PAUSE':
        return { reason: 'node is paused' };
      case 'DRAIN':
        return { reason: 'node is drained' };
    }
  },
};

export const constraintFilter: Filter = {
  name: 'constraint',
  check: (n, req) => {
    if (req.invalid) return { reason: `node cannot be checked: ${req.invalid}` };
    for (const c of req.constraints) {
      const why = violation(n.node, c);
      if (why !== null) return { reason: `node fails constraint ${c.text}`, detail: why };
    }
    return null;
  },
};

export const platformFilter: Filter = {
  name: 'platform',
  check: (n, req) =>
    runsOn(req.platforms, n.node)
      ? null
      : { reason: `node is ${platformText(n.node)}, not a platform the image is built for (${req.platforms.map(platformText).join(', ')})` },
};

export const resourcesFilter: Filter = {
  name: 'resources',
  check: (n, req) => {
    if (req.nanoCpuLimit > n.nanoCpus) return { reason: `node has ${n.node.cpus} CPUs, fewer than the CPU limit of ${cpus(req.nanoCpuLimit)}` };
    const cpuFree = n.nanoCpus - n.nanoCpusReserved;
    if (req.nanoCpus > 0 && req.nanoCpus > cpuFree) {
      return { reason: `node has ${cpus(cpuFree)} CPU free, ${cpus(req.nanoCpus)} needed`, detail: `${cpus(n.nanoCpusReserved)} of ${n.node.cpus} reserved` };
    }
    const memoryFree = n.node.memoryBytes - n.memoryReserved;
    if (req.memoryBytes > 0 && req.memoryBytes > memoryFree) {
      return {
        reason: `node has ${bytes(memoryFree)} of memory free, ${bytes(req.memoryBytes)} needed`,
        detail: `${bytes(n.memoryReserved)} of ${bytes(n.node.memoryBytes)} reserved`,
      };
    }
    return null;
  },
};

export const hostPortFilter: Filter = {
  name: 'host-port',
  check: (n, req) => {
    for (const p of req.hostPorts) if (n.ports.has(p)) return { reason: `node already publishes port ${p}` };
    return null;
  },
};

export const maxReplicasFilter: Filter = {
  name: 'max-replicas',
  check: (n, req) =>
    req.maxReplicasPerNode > 0 && n.tasksOf(req.serviceId) >= req.maxReplicasPerNode
      ? { reason: `node already runs ${req.maxReplicasPerNode} of the service's tasks (maxReplicasPerNode)` }
      : null,
};

/** Static filters first, then the ones that change as tasks are placed. */
export const DEFAULT_FILTERS: readonly Filter[] = [
  readyFilter,
  availabilityFilter,
  constraintFilter,
  platformFilter,
  resourcesFilter,
  hostPortFilter,
  maxReplicasFilter,
];

/** 1.5 (CPUs, from nano CPUs), to two decimals at most. */
export function cpus(nanoCpus: number): string {
  return String(Math.max(0, Math.round(nanoCpus / 1e7) / 100));
}

/** 512 MiB, 1.5 GiB. */
export function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = Math.max(0, n);
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${Math.round(v * 10) / 10} ${units[u]}`;
}
