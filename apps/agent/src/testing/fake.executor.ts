import { PassThrough, Readable } from 'node:stream';
import type { Assignment, LogEntry, NodeDescription } from '@shoal/protocol';
import type { ContainerInfo, EngineEventHandler, Executor, LogOptions } from '../executor/executor';

/** An in-memory engine for unit tests of the agent core; `calls` records what was asked of it. */
export class FakeExecutor implements Executor {
  readonly containers = new Map<string, ContainerInfo & { nodeId: string }>();
  readonly calls: string[] = [];
  failPull = false;
  private seq = 0;
  /** Tasks whose containers have a health check (the engine then starts them "starting"). */
  private readonly healthChecked = new Set<string>();
  private handler: EngineEventHandler | undefined;
  /** What each task's container printed, by task id. */
  readonly printed = new Map<string, LogEntry[]>();
  /** Followed log streams, open until destroyed: write to them to print more. */
  readonly following: PassThrough[] = [];

  async describe(): Promise<Omit<NodeDescription, 'labels' | 'hostname'>> {
    return { cpus: 1, memoryBytes: 1, os: 'linux', arch: 'amd64', engineVersion: 'fake', engineLabels: {} };
  }
  async list(nodeId: string): Promise<ContainerInfo[]> {
    return [...this.containers.values()].filter((c) => c.nodeId === nodeId);
  }
  async inspect(nodeId: string, taskId: string): Promise<ContainerInfo | null> {
    return [...this.containers.values()].find((c) => c.nodeId === nodeId && c.taskId === taskId) ?? null;
  }
  async prepare(a: Assignment): Promise<void> {
    this.calls.push(`prepare ${a.taskId}`);
    if (this.failPull) throw new Error(`pull access denied for ${a.spec.image}`);
  }
  async create(nodeId: string, a: Assignment): Promise<string> {
    const id = `c${++this.seq}`;
    this.calls.push(`create ${a.taskId}`);
    if (a.spec.healthCheck && !a.spec.healthCheck.disable) this.healthChecked.add(a.taskId);
    this.containers.set(id, { nodeId, taskId: a.taskId, containerId: id, state: 'created' });
    return id;
  }
  async start(id: string): Promise<void> {
    this.calls.push(`start ${id}`);
    const c = this.containers.get(id)!;
    c.state = 'running';
    if (this.healthChecked.has(c.taskId)) c.health = 'starting';
  }
  async stop(id: string, timeoutSeconds: number): Promise<void> {
    this.calls.push(`stop ${id} ${timeoutSeconds}s`);
    const c = this.containers.get(id);
    if (c) Object.assign(c, { state: 'exited', exitCode: 143 });
  }
  async remove(id: string): Promise<void> {
    this.calls.push(`remove ${id}`);
    this.containers.delete(id);
  }
  async logs(_nodeId: string, taskId: string, o: LogOptions): Promise<Readable | null> {
    const lines = this.printed.get(taskId);
    if (!lines) return null;
    const shown = o.tail !== undefined ? lines.slice(Math.max(0, lines.length - o.tail)) : lines;
    if (!o.follow) return Readable.from(shown);
    const live = new PassThrough({ objectMode: true, highWaterMark: 16 });
    for (const l of shown) live.write(l);
    this.following.push(live);
    return live;
  }
  watch(_nodeId: string, onEvent: EngineEventHandler): () => void {
    this.handler = onEvent;
    return () => (this.handler = undefined);
  }
  /** Simulates the engine's health verdict changing (a health_status event). */
  health(containerId: string, health: 'healthy' | 'unhealthy', output?: string): void {
    const c = this.containers.get(containerId)!;
    Object.assign(c, { health, healthOutput: output });
    this.handler?.(c.taskId, `health_status: ${health}`);
  }
  /** Simulates a container exiting on its own. */
  exit(containerId: string, exitCode: number): void {
    const c = this.containers.get(containerId)!;
    Object.assign(c, { state: 'exited', exitCode });
    this.handler?.(c.taskId, 'die');
  }
}
