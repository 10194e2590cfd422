import { Constraint, ConstraintError, parseConstraint } from './constraint';
import type { Platform } from './platform';
import type { CandidateNode, PlacedTask, UnplacedTask } from './types';

/** What the tasks of one service ask of a node; built once per service and call. */
export interface Requirements {
  serviceId: string;
  nanoCpus: number;
  memoryBytes: number;
  nanoCpuLimit: number;
  hostPorts: readonly string[];
  constraints: readonly Constraint[];
  /** Set when a constraint does not parse (the API refuses those; kept for old specs). */
  invalid?: string;
  /** 0: no limit. */
  maxReplicasPerNode: number;
  /** The image's platforms; empty: unknown, any node. */
  platforms: readonly Platform[];
}

export function requirementsOf(task: UnplacedTask): Requirements {
  const constraints: Constraint[] = [];
  let invalid: string | undefined;
  for (const text of task.placement?.constraints ?? []) {
    try {
      constraints.push(parseConstraint(text));
    } catch (e) {
      if (!(e instanceof ConstraintError)) throw e;
      invalid ??= e.message;
    }
  }
  return {
    serviceId: task.serviceId,
    nanoCpus: task.reservations?.nanoCpus ?? 0,
    memoryBytes: task.reservations?.memoryBytes ?? 0,
    nanoCpuLimit: task.nanoCpuLimit ?? 0,
    hostPorts: task.hostPorts ?? [],
    constraints,
    invalid,
    maxReplicasPerNode: task.placement?.maxReplicasPerNode ?? 0,
    platforms: task.platforms ?? [],
  };
}

/** A node and what the tasks on it hold, kept up to date while tasks are placed. */
export class NodeInfo {
  nanoCpusReserved = 0;
  memoryReserved = 0;
  /** Host ports published by tasks on the node, as `8080/tcp`. */
  readonly ports = new Set<string>();
  /** Tasks that count for spreading (not leaving). */
  tasks = 0;
  /** Made on the first task: most nodes of a large cluster get few services. */
  private perService: Map<string, number> | undefined;

  constructor(readonly node: CandidateNode) {}

  get nanoCpus(): number {
    return this.node.cpus * 1e9;
  }

  tasksOf(serviceId: string): number {
    return this.perService?.get(serviceId) ?? 0;
  }

  add(task: PlacedTask | UnplacedTask, leaving = false): void {
    this.nanoCpusReserved += task.reservations?.nanoCpus ?? 0;
    this.memoryReserved += task.reservations?.memoryBytes ?? 0;
    if (task.hostPorts) for (const p of task.hostPorts) this.ports.add(p);
    if (leaving) return;
    this.tasks++;
    this.perService ??= new Map<string, number>();
    this.perService.set(task.serviceId, (this.perService.get(task.serviceId) ?? 0) + 1);
  }

  /** How full the node is, for binpack: the larger of its reserved CPU and memory shares. */
  load(): number {
    const cpu = this.node.cpus > 0 ? this.nanoCpusReserved / this.nanoCpus : 0;
    const memory = this.node.memoryBytes > 0 ? this.memoryReserved / this.node.memoryBytes : 0;
    return Math.max(cpu, memory);
  }
}

/** One NodeInfo per node, with the placed tasks counted. */
export function nodeInfos(nodes: readonly CandidateNode[], placed: readonly PlacedTask[]): NodeInfo[] {
  const infos = nodes.map((n) => new NodeInfo(n));
  const byId = new Map(infos.map((i) => [i.node.id, i]));
  for (const t of placed) byId.get(t.nodeId)?.add(t, t.leaving);
  return infos;
}
