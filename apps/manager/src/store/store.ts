import { Injectable, Logger } from '@nestjs/common';
import type { DesiredState } from '@shoal/protocol';
import type { ChangeSet } from './actions';
import type { AuditObject, ClusterObject, NodeObject, ServiceObject, SessionObject, TaskObject, TokenObject, UserObject } from './objects';
import { StateMachine } from './state-machine';

export interface TaskFilter {
  serviceId?: string;
  nodeId?: string;
  desiredState?: DesiredState;
}

export type ChangeListener = (set: ChangeSet) => void;

/**
 * Read side of the replicated store plus its watch stream. Reads are synchronous and
 * come from memory; writes go only through the Proposer. Listeners hear every applied
 * entry after it is durable, in log order.
 */
@Injectable()
export class Store {
  private readonly log = new Logger('Store');
  readonly state = new StateMachine();
  private readonly listeners = new Set<ChangeListener>();
  private readonly resetListeners = new Set<(appliedIndex: number) => void>();

  watch(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Hears when the state is replaced by a snapshot: the changes in between were never published. */
  onReset(listener: (appliedIndex: number) => void): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }

  /** Replaces the whole state (a snapshot from the leader) and tells the reset listeners. */
  reset(objects: Parameters<StateMachine['reset']>[0], appliedIndex: number): void {
    this.state.reset(objects, appliedIndex);
    for (const l of [...this.resetListeners]) l(appliedIndex);
  }

  /** Called by the proposer once a batch is durable. */
  publish(sets: readonly ChangeSet[]): void {
    for (const set of sets) {
      for (const l of [...this.listeners]) {
        try {
          l(set);
        } catch (e) {
          this.log.error(`watch listener failed: ${(e as Error).stack ?? String(e)}`);
        }
      }
    }
  }

  get appliedIndex(): number {
    return this.state.appliedIndex;
  }

  cluster(): ClusterObject | undefined {
    return this.state.tables.cluster.values().next().value;
  }

  nodes(): NodeObject[] {
    return [...this.state.tables.node.values()];
  }

  node(id: string): NodeObject | undefined {
    return this.state.tables.node.get(id);
  }

  services(): ServiceObject[] {
    return [...this.state.tables.service.values()];
  }

  service(id: string): ServiceObject | undefined {
    return this.state.tables.service.get(id);
  }

  serviceNamed(name: string): ServiceObject | undefined {
    return this.state.serviceNamed(name);
  }

  task(id: string): TaskObject | undefined {
    return this.state.tables.task.get(id);
  }

  tasks(filter: TaskFilter = {}): TaskObject[] {
    let tasks: TaskObject[];
    if (filter.serviceId !== undefined) tasks = this.state.tasksOfService(filter.serviceId);
    else if (filter.nodeId !== undefined) tasks = this.state.tasksOfNode(filter.nodeId);
    else tasks = [...this.state.tables.task.values()];
    return tasks.filter(
      (t) => (filter.nodeId === undefined || t.nodeId === filter.nodeId) && (filter.desiredState === undefined || t.desiredState === filter.desiredState),
    );
  }

  tokens(): TokenObject[] {
    return [...this.state.tables.token.values()];
  }

  token(id: string): TokenObject | undefined {
    return this.state.tables.token.get(id);
  }

  tokenWithHash(hash: string): TokenObject | undefined {
    return this.state.tokenWithHash(hash);
  }

  sessionWithHash(hash: string): SessionObject | undefined {
    return this.state.sessionWithHash(hash);
  }

  users(): UserObject[] {
    return [...this.state.tables.user.values()];
  }

  user(id: string): UserObject | undefined {
    return this.state.tables.user.get(id);
  }

  userNamed(username: string): UserObject | undefined {
    const name = username.toLowerCase();
    return this.users().find((u) => u.username.toLowerCase() === name);
  }

  sessions(): SessionObject[] {
    return [...this.state.tables.session.values()];
  }

  /** Audit records in log order (oldest first). */
  auditRecords(): AuditObject[] {
    return [...this.state.tables.audit.values()].sort((a, b) => a.version - b.version || (a.id < b.id ? -1 : 1));
  }
}
