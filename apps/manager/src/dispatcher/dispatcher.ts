import { Injectable, Logger } from '@nestjs/common';
import {
  CLOSE,
  HelloMessage,
  ManagerMessage,
  NodeCredentials,
  NodeDescription,
  PROTOCOL_VERSION,
  TaskStatusReport,
  TaskState,
  isAgentState,
  isForward,
} from '@shoal/protocol';
import { safeEqual, sha256 } from '../common/hash';
import { newId, newSecret } from '../common/ids';
import type { ChangeSet, StoreAction } from '../store/actions';
import type { NodeObject, TaskObject } from '../store/objects';
import { Proposer } from '../store/proposer';
import { Store } from '../store/store';
import { assignmentsOf, changesAssignment } from './assignments';

/** One agent's connection, as the dispatcher uses it. */
export interface AgentSession {
  send(message: ManagerMessage): void;
  close(code: number, reason: string): void;
}

export class SessionRefused extends Error {
  constructor(
    readonly code: 'UNAUTHENTICATED' | 'BAD_REQUEST' | 'NODE_REMOVED',
    message: string,
    readonly closeCode: number,
  ) {
    super(message);
  }
}

const STATUS_FLUSH_MS = 50;
const STATUS_BATCH_MAX = 10_000;

/**
 * Agent sessions: registration with the join token, heartbeats and down detection,
 * observed-state reports (batched into one entry per 50 ms, as swarmkit does), and the
 * full assignment set pushed to a node whenever one of its tasks changes.
 */
@Injectable()
export class Dispatcher {
  private readonly log = new Logger('Dispatcher');
  private readonly sessions = new Map<string, AgentSession>();
  private readonly lastSeen = new Map<string, number>();
  private readonly dirtyNodes = new Set<string>();
  private pushScheduled = false;
  private pending = new Map<string, TaskStatusReport & { startedAt?: string }>();
  private flushTimer: NodeJS.Timeout | undefined;
  private checkTimer: NodeJS.Timeout | undefined;
  /** The heartbeat settings the check runs with (undefined while stopped). */
  private armed: { heartbeatPeriodMs: number; heartbeatGrace: number } | undefined;
  private unwatch: (() => void) | undefined;
  /** The manager list agents were last told. */
  private told: string[] = [];

  /**
   * Cluster addresses of the voting managers, the leader first (set from Raft at start-up).
   * Agents get them in the welcome and whenever they change, so an agent configured with
   * one manager's address still reaches the others after that one is gone.
   */
  managerAddresses: () => string[] = () => [];

  constructor(
    private readonly store: Store,
    private readonly proposer: Proposer,
  ) {}

  now: () => number = () => Date.now();

  start(): void {
    // Nodes known from before get a full grace period to reconnect after a manager start.
    const now = this.now();
    for (const n of this.store.nodes()) this.lastSeen.set(n.id, now);
    this.unwatch = this.store.watch((set) => this.onChanges(set));
    this.armCheck();
  }

  /** Checks heartbeats, and whether the manager list changed, twice per period, the period in force. */
  private armCheck(): void {
    if (this.checkTimer) clearInterval(this.checkTimer);
    const { heartbeatPeriodMs, heartbeatGrace } = this.settings();
    this.armed = { heartbeatPeriodMs, heartbeatGrace };
    this.checkTimer = setInterval(
      () => {
        this.tellManagers();
        void this.checkHeartbeats();
      },
      Math.max(50, Math.floor(heartbeatPeriodMs / 2)),
    );
    this.checkTimer.unref();
  }

  /** The manager list for a welcome. */
  managers(): string[] {
    this.told = this.managerAddresses();
    return this.told;
  }

  /** Tells every connected agent the manager list when it changed (Raft membership is not in the store: polled). */
  private tellManagers(): void {
    const now = this.managerAddresses();
    if (now.join() === this.told.join()) return;
    this.told = now;
    for (const session of this.sessions.values()) session.send({ type: 'managers', managers: now });
    if (this.sessions.size > 0) this.log.log(`managers are now ${now.join(', ')}; ${this.sessions.size} agent(s) told`);
  }

  /**
   * updateClusterSettings changed the period or grace: applies them at once. Connected
   * agents are told the new period over their sessions, and each gets a full new grace
   * period from now, so nobody is marked down for heartbeating at the old pace.
   */
  private heartbeatSettingsChanged(): void {
    const { heartbeatPeriodMs, heartbeatGrace } = this.settings();
    if (!this.armed || (this.armed.heartbeatPeriodMs === heartbeatPeriodMs && this.armed.heartbeatGrace === heartbeatGrace)) return;
    const periodChanged = this.armed.heartbeatPeriodMs !== heartbeatPeriodMs;
    this.armCheck();
    const now = this.now();
    for (const [nodeId, session] of this.sessions) {
      this.lastSeen.set(nodeId, now);
      if (periodChanged) session.send({ type: 'heartbeatSettings', heartbeatPeriodMs });
    }
    this.log.log(`heartbeat period ${heartbeatPeriodMs} ms, grace ${heartbeatGrace} periods; ${this.sessions.size} agent(s) told`);
  }

  stop(): void {
    this.unwatch?.();
    if (this.checkTimer) clearInterval(this.checkTimer);
    this.checkTimer = undefined;
    this.armed = undefined;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    for (const s of this.sessions.values()) s.close(1001, 'manager stopping');
    this.sessions.clear();
  }

  /** Checks a hello and registers (or re-registers) its node; nothing is written when it is refused. */
  async register(hello: HelloMessage, addr: string): Promise<{ nodeId: string; credentials?: NodeCredentials }> {
    if (hello.protocolVersion !== PROTOCOL_VERSION)
      throw new SessionRefused('BAD_REQUEST', `agent speaks protocol ${hello.protocolVersion}, manager ${PROTOCOL_VERSION}`, CLOSE.badRequest);
    const cluster = this.store.cluster();
    if (!cluster || typeof hello.joinToken !== 'string' || !safeEqual(hello.joinToken, cluster.workerJoinToken)) {
      throw new SessionRefused('UNAUTHENTICATED', 'invalid join token', CLOSE.unauthenticated);
    }
    const now = new Date().toISOString();
    const status = { state: 'READY' as const, message: '', addr, timestamp: now };
    if (hello.credentials) {
      const node = this.store.node(hello.credentials.nodeId);
      if (!node)
        throw new SessionRefused(
          'NODE_REMOVED',
          `node ${hello.credentials.nodeId} was removed from the cluster; remove the agent's state to join again`,
          CLOSE.nodeRemoved,
        );
      if (!safeEqual(sha256(String(hello.credentials.secret)), node.secretHash))
        throw new SessionRefused('UNAUTHENTICATED', 'node credentials do not match', CLOSE.unauthenticated);
      await this.proposer.propose([{ op: 'patch', kind: 'node', id: node.id, fields: { description: hello.description, status } }]);
      this.lastSeen.set(node.id, this.now());
      return { nodeId: node.id };
    }
    const credentials = { nodeId: newId(), secret: newSecret('', 32) };
    const node: Omit<NodeObject, 'version' | 'updatedAt'> = {
      id: credentials.nodeId,
      createdAt: now,
      role: 'WORKER',
      availability: 'ACTIVE',
      labels: {},
      description: hello.description,
      status,
      secretHash: sha256(credentials.secret),
    };
    await this.proposer.propose([{ op: 'create', kind: 'node', object: node }]);
    this.lastSeen.set(node.id, this.now());
    this.log.log(`node ${node.id} (${hello.description.hostname}) joined from ${addr}`);
    return { nodeId: node.id, credentials };
  }

  attach(nodeId: string, session: AgentSession): void {
    const old = this.sessions.get(nodeId);
    this.sessions.set(nodeId, session);
    if (old && old !== session) old.close(CLOSE.replaced, 'replaced by a newer session of the same node');
    this.sendAssignments(nodeId);
  }

  detach(nodeId: string, session: AgentSession): void {
    if (this.sessions.get(nodeId) === session) this.sessions.delete(nodeId);
  }

  connected(nodeId: string): boolean {
    return this.sessions.has(nodeId);
  }

  /** Sends a message to a node's agent; false when the node has no session with this manager. */
  send(nodeId: string, message: ManagerMessage): boolean {
    const session = this.sessions.get(nodeId);
    session?.send(message);
    return session !== undefined;
  }

  /** The agent's new description of its node (e.g. a manager now runs on its host). */
  async describe(nodeId: string, description: NodeDescription): Promise<void> {
    this.heartbeat(nodeId);
    try {
      await this.proposer.propose([{ op: 'patch', kind: 'node', id: nodeId, ifExists: true, fields: { description } }]);
    } catch (err) {
      this.log.error(`could not record node ${nodeId}'s description: ${String(err)}`);
    }
  }

  heartbeat(nodeId: string): void {
    this.lastSeen.set(nodeId, this.now());
  }

  /** Queues observed-state reports; only forward moves (or a new health verdict) of the node's own tasks count. */
  report(nodeId: string, reports: readonly TaskStatusReport[]): void {
    this.heartbeat(nodeId);
    for (const r of reports) {
      const task = this.store.task(r.taskId);
      if (!task || task.nodeId !== nodeId || !isAgentState(r.state)) continue;
      const known = this.pending.get(r.taskId) ?? task.status;
      // Forward moves only; within one state, only a new health verdict (STARTING, waiting for it).
      if (!isForward(known.state, r.state) && !(known.state === r.state && r.health !== undefined && r.health !== known.health)) continue;
      // When it first ran stays with the task: an update counts a failure only within its monitor period.
      const startedAt = this.pending.get(r.taskId)?.startedAt ?? task.status.startedAt ?? (r.state === TaskState.RUNNING ? r.timestamp : undefined);
      this.pending.set(r.taskId, startedAt ? { ...r, startedAt } : r);
    }
    if (this.pending.size >= STATUS_BATCH_MAX) void this.flushReports();
    else this.flushTimer ??= setTimeout(() => void this.flushReports(), STATUS_FLUSH_MS);
  }

  heartbeatPeriodMs(): number {
    return this.settings().heartbeatPeriodMs;
  }

  private async flushReports(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const actions: StoreAction[] = [...batch.values()].map((r) => ({
      op: 'patch',
      kind: 'task',
      id: r.taskId,
      ifExists: true,
      fields: {
        status: {
          state: r.state,
          message: r.message,
          err: r.err,
          containerId: r.containerId,
          exitCode: r.exitCode,
          health: r.health,
          timestamp: r.timestamp,
          startedAt: r.startedAt,
        },
      },
    }));
    try {
      await this.proposer.propose(actions);
    } catch (err) {
      this.log.error(`could not record ${actions.length} task status reports: ${String(err)}`);
    }
  }

  private settings(): { heartbeatPeriodMs: number; heartbeatGrace: number } {
    return this.store.cluster()?.settings ?? { heartbeatPeriodMs: 1000, heartbeatGrace: 3 };
  }

  /** Marks nodes down whose last heartbeat is older than period × grace. */
  private async checkHeartbeats(): Promise<void> {
    const { heartbeatPeriodMs, heartbeatGrace } = this.settings();
    const deadline = this.now() - heartbeatPeriodMs * heartbeatGrace;
    const actions: StoreAction[] = [];
    const now = new Date().toISOString();
    for (const node of this.store.nodes()) {
      if (node.status.state === 'DOWN') continue;
      const seen = this.lastSeen.get(node.id) ?? 0;
      if (seen >= deadline) continue;
      actions.push({
        op: 'patch',
        kind: 'node',
        id: node.id,
        ifExists: true,
        fields: { status: { ...node.status, state: 'DOWN', message: 'heartbeat failure', timestamp: now } },
      });
      this.sessions.get(node.id)?.close(CLOSE.heartbeatExpired, 'heartbeat expired');
      this.log.warn(`node ${node.id} (${node.description.hostname}) is down: no heartbeat for ${heartbeatPeriodMs * heartbeatGrace} ms`);
    }
    if (actions.length === 0) return;
    try {
      await this.proposer.propose(actions);
    } catch (err) {
      this.log.error(`could not mark nodes down: ${String(err)}`);
    }
  }

  private onChanges(set: ChangeSet): void {
    for (const c of set.changes) {
      if (c.kind === 'cluster') this.heartbeatSettingsChanged();
      if (c.kind === 'node' && c.action === 'REMOVED') this.evict(c.object.id);
      if (c.kind !== 'task') continue;
      const next = c.action === 'REMOVED' ? undefined : (c.object as TaskObject);
      const prev = c.action === 'CREATED' ? undefined : ((c.previous ?? c.object) as TaskObject);
      if (!changesAssignment(prev, next)) continue;
      if (prev?.nodeId) this.dirtyNodes.add(prev.nodeId);
      if (next?.nodeId) this.dirtyNodes.add(next.nodeId);
    }
    if (this.dirtyNodes.size > 0 && !this.pushScheduled) {
      this.pushScheduled = true;
      setImmediate(() => {
        this.pushScheduled = false;
        const nodes = [...this.dirtyNodes];
        this.dirtyNodes.clear();
        for (const id of nodes) this.sendAssignments(id);
      });
    }
  }

  /** A removed node's session ends: its credentials are no longer accepted. */
  private evict(nodeId: string): void {
    const session = this.sessions.get(nodeId);
    this.lastSeen.delete(nodeId);
    if (!session) return;
    this.sessions.delete(nodeId);
    const message = `node ${nodeId} was removed from the cluster; remove the agent's state to join again`;
    session.send({ type: 'error', code: 'NODE_REMOVED', message });
    session.close(CLOSE.nodeRemoved, 'NODE_REMOVED');
    this.log.log(`node ${nodeId} was removed: its session is closed`);
  }

  private sendAssignments(nodeId: string): void {
    this.sessions.get(nodeId)?.send({ type: 'assignments', tasks: assignmentsOf(this.store.tasks({ nodeId })) });
  }
}
