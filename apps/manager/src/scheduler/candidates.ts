import type { ContainerSpec } from '@shoal/protocol';
import { DesiredState, isTerminal } from '@shoal/protocol';
import type { CandidateNode, Placement, PlacedTask, UnplacedTask } from '@shoal/scheduler';
import type { ServicePlacement } from '../store/placement';
import type { NodeObject, TaskObject } from '../store/objects';

/** The scheduler's view of a node: operator labels on top of the agent's own. */
export function candidateOf(n: NodeObject): CandidateNode {
  const d = n.description;
  return {
    id: n.id,
    hostname: d.hostname,
    ready: n.status.state === 'READY',
    availability: n.availability,
    role: n.role,
    os: d.os,
    arch: d.arch,
    labels: { ...d.labels, ...n.labels },
    engineLabels: d.engineLabels,
    cpus: d.cpus,
    memoryBytes: d.memoryBytes,
  };
}

/** Tasks on nodes that have not ended: they hold resources and ports; those asked to stop are `leaving`. */
export function placedTasks(tasks: readonly TaskObject[]): PlacedTask[] {
  const placed: PlacedTask[] = [];
  for (const t of tasks) {
    if (t.nodeId === null || isTerminal(t.status.state)) continue;
    placed.push({
      nodeId: t.nodeId,
      serviceId: t.serviceId,
      reservations: t.spec.resources?.reservations,
      hostPorts: hostPortsOf(t.spec),
      leaving: t.desiredState !== DesiredState.RUNNING,
    });
  }
  return placed;
}

/** A task (or a would-be task of a service) as the scheduler places it. */
export function unplacedOf(
  id: string,
  serviceId: string,
  spec: ContainerSpec,
  placement: ServicePlacement | undefined,
  platforms?: readonly { os: string; arch: string }[],
): UnplacedTask {
  return {
    platforms,
    id,
    serviceId,
    reservations: spec.resources?.reservations,
    nanoCpuLimit: spec.resources?.limits?.nanoCpus,
    hostPorts: hostPortsOf(spec),
    placement: schedulerPlacement(placement),
  };
}

function schedulerPlacement(p: ServicePlacement | undefined): Placement | undefined {
  if (!p) return undefined;
  return { constraints: p.constraints, spread: p.preferences?.map((x) => x.spread), maxReplicasPerNode: p.maxReplicasPerNode, strategy: p.strategy };
}

function hostPortsOf(spec: ContainerSpec): string[] | undefined {
  const ports = spec.ports?.filter((p) => p.published !== undefined).map((p) => `${p.published}/${p.protocol}`);
  return ports?.length ? ports : undefined;
}
