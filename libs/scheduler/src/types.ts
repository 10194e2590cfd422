import type { Platform } from './platform';

/** A node as the scheduler sees it: what its agent reports and what operators set. */
export interface CandidateNode {
  id: string;
  hostname: string;
  ready: boolean;
  availability: 'ACTIVE' | 'PAUSE' | 'DRAIN';
  role: 'MANAGER' | 'WORKER';
  os: string;
  arch: string;
  /** The agent's labels with the operator's on top (`node.labels.*`). */
  labels: Readonly<Record<string, string>>;
  /** The Docker Engine's labels (`engine.labels.*`). */
  engineLabels: Readonly<Record<string, string>>;
  cpus: number;
  memoryBytes: number;
}

/** What one task holds on its node while it is there. */
export interface Reservations {
  nanoCpus?: number;
  memoryBytes?: number;
}

export type Strategy = 'SPREAD' | 'BINPACK';

/** Where a service's tasks may go and how they are ranked (docs/design/scheduler.md). */
export interface Placement {
  /** `node.labels.zone==eu`, `node.role!=manager`, … (see constraint.ts). */
  constraints?: readonly string[];
  /** Label keys (`node.labels.zone`) to spread over, outermost first. */
  spread?: readonly string[];
  maxReplicasPerNode?: number;
  strategy?: Strategy;
}

/** A task waiting for a node. */
export interface UnplacedTask {
  id: string;
  serviceId: string;
  reservations?: Reservations;
  /** The task's CPU limit: the engine refuses one above the node's CPUs. */
  nanoCpuLimit?: number;
  /** Host ports the task publishes, as `8080/tcp`. */
  hostPorts?: readonly string[];
  placement?: Placement;
  /** The platforms the task's image is built for; absent or empty: unknown, any node. */
  platforms?: readonly Platform[];
}

/** A task already on a node. */
export interface PlacedTask {
  nodeId: string;
  serviceId: string;
  reservations?: Reservations;
  hostPorts?: readonly string[];
  /**
   * Asked to shut down but not stopped yet: it still holds its resources and ports,
   * but no longer counts for spreading or max replicas per node.
   */
  leaving?: boolean;
}
