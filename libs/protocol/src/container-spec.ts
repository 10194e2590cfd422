import type { ContainerOptions, HealthCheck } from './container-options';
import type { Resources } from './resources';

/** What an agent needs to run one task's container. Copied into each task at creation. */
export interface PortConfig {
  /** Port inside the container. */
  target: number;
  /** Port on the node (host mode publishing); absent lets the engine choose. */
  published?: number;
  protocol: 'tcp' | 'udp' | 'sctp';
}

export interface ContainerSpec extends ContainerOptions {
  image: string;
  /** Replaces the image's ENTRYPOINT when set (swarm mode's ContainerSpec.Command). */
  command?: string[];
  /** Replaces the image's CMD when set (swarm mode's ContainerSpec.Args). */
  args?: string[];
  /** KEY=VALUE pairs. */
  env?: string[];
  ports?: PortConfig[];
  healthCheck?: HealthCheck;
  resources?: Resources;
  /**
   * Raised by `updateService(force: true)`: a new value replaces every task though nothing
   * else changed (swarm mode's ForceUpdate). The agent ignores it.
   */
  forceUpdate?: number;
}

/** Labels Shoal puts on every container it creates; the agent finds its containers by them. */
export const LABELS = {
  nodeId: 'shoal.node.id',
  serviceId: 'shoal.service.id',
  serviceName: 'shoal.service.name',
  taskId: 'shoal.task.id',
  slot: 'shoal.task.slot',
} as const;
