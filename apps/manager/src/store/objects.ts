import type { ContainerOptions, ContainerSpec, DesiredState, HealthCheck, NodeDescription, Resources, TaskHealth, TaskState } from '@shoal/protocol';
import type { ServicePlacement } from './placement';
import type { UpdateConfig, UpdateStatus } from './update';

/**
 * The objects of the replicated store. Every object is immutable once stored: a change
 * makes a new object. `version` is the index of the log entry that last changed it.
 */
export type Kind = 'cluster' | 'node' | 'service' | 'task' | 'token' | 'user' | 'session' | 'audit';
export const KINDS: readonly Kind[] = ['cluster', 'node', 'service', 'task', 'token', 'user', 'session', 'audit'];

export interface Meta {
  readonly id: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ClusterSettings {
  heartbeatPeriodMs: number;
  /** A node is marked down after this many heartbeat periods without one. */
  heartbeatGrace: number;
  /** Terminal tasks kept per slot for `tasks` history; older ones are reaped. */
  taskHistoryLimit: number;
  /** Delay before replacing a task that failed; doubles with each consecutive failure in its slot. */
  restartDelayMs: number;
}

export interface ClusterObject extends Meta {
  readonly name: string;
  /** Presented by agents to join (`SHOALTKN-1-…`). Readable only by admins. */
  readonly workerJoinToken: string;
  /** Presented by a new manager to join the managers (`SHOALTKN-1-M…`). Readable only by admins. */
  readonly managerJoinToken?: string;
  readonly settings: ClusterSettings;
}

export type NodeRole = 'MANAGER' | 'WORKER';
export type NodeAvailability = 'ACTIVE' | 'PAUSE' | 'DRAIN';
export type NodeState = 'UNKNOWN' | 'READY' | 'DOWN';

export interface NodeObject extends Meta {
  /** Observed: MANAGER while the manager on its host is a Raft voter (docs/design/node-roles.md). */
  readonly role: NodeRole;
  /** What promoteNode/demoteNode asked for; absent: whatever `role` is. The leader's NodeRoles loop converges on it. */
  readonly desiredRole?: NodeRole;
  /** The NodeRoles loop's progress toward `desiredRole`, or why it is stuck; null once they agree. */
  readonly roleMessage?: string | null;
  readonly availability: NodeAvailability;
  /** Labels set by operators (spec); the agent reports its own in description.labels. */
  readonly labels: Record<string, string>;
  readonly description: NodeDescription;
  readonly status: { state: NodeState; message: string; addr: string; timestamp: string };
  /** sha256 of the node's secret; never leaves the store. */
  readonly secretHash: string;
}

/**
 * REPLICATED: `replicas` tasks anywhere; GLOBAL: one task on every eligible node.
 * The _JOB modes run their tasks to completion (exit 0) instead of forever.
 */
export type ServiceMode = 'REPLICATED' | 'GLOBAL' | 'REPLICATED_JOB' | 'GLOBAL_JOB';

/** A REPLICATED_JOB's size: `totalCompletions` tasks must exit 0, at most `maxConcurrent` at a time. */
export interface JobConfig {
  maxConcurrent: number;
  totalCompletions: number;
}

/** One task per eligible node (GLOBAL, GLOBAL_JOB). */
export function isPerNode(mode: ServiceMode | undefined): boolean {
  return mode === 'GLOBAL' || mode === 'GLOBAL_JOB';
}

export function isJob(mode: ServiceMode | undefined): boolean {
  return mode === 'REPLICATED_JOB' || mode === 'GLOBAL_JOB';
}

export interface ServiceSpec {
  name: string;
  image: string;
  /** Absent: REPLICATED (services made before modes existed). */
  mode?: ServiceMode;
  /** Desired tasks of a replicated service; always 0 in the other modes. */
  replicas: number;
  /** REPLICATED_JOB only. */
  job?: JobConfig;
  command?: string[];
  args?: string[];
  env?: string[];
  labels?: Record<string, string>;
  ports?: ContainerSpec['ports'];
  /** How the container runs on its node: workdir, user, mounts, stop signal, capabilities... */
  container?: ContainerOptions;
  healthCheck?: HealthCheck;
  restartPolicy?: RestartPolicy;
  placement?: ServicePlacement;
  resources?: Resources;
  /** How an update replaces the tasks; swarm mode's defaults when absent. */
  updateConfig?: UpdateConfig;
  /** How a rollback replaces them. */
  rollbackConfig?: UpdateConfig;
  /** Raised by a forced update: a new value replaces every task (swarm mode's ForceUpdate). */
  forceUpdate?: number;
}

/** When a slot whose task ended gets a new one (docs/design/orchestrator.md). */
export interface RestartPolicy {
  /** none: never; on-failure: unless it exited 0; any: always (the default). */
  condition: 'none' | 'on-failure' | 'any';
  /** Fixed wait before a replacement; absent: the cluster's restart delay, doubled per consecutive failure. */
  delayMs?: number;
  /** Replacements allowed (within the window, when one is set); absent: no limit. */
  maxAttempts?: number;
  /** Only replacements of tasks that ended within this period count towards maxAttempts. */
  windowMs?: number;
}

export interface ServiceObject extends Meta {
  readonly spec: ServiceSpec;
  /** The spec before the last update, for rollback. */
  readonly previousSpec?: ServiceSpec;
  /** The last update or rollback; absent until the tasks' spec first changes. */
  readonly updateStatus?: UpdateStatus;
  /** The platforms `image` is built for, from its registry when the image was set; absent: unknown. */
  readonly imagePlatforms?: ImagePlatforms;
}

/** An image and the platforms (os, arch) its registry says it is built for. */
export interface ImagePlatforms {
  image: string;
  platforms: { os: string; arch: string }[];
}

export interface TaskStatus {
  state: TaskState;
  message: string;
  err?: string;
  containerId?: string;
  exitCode?: number;
  /** The engine's health verdict, for containers with a health check. */
  health?: TaskHealth;
  timestamp: string;
  /** When the agent first reported it RUNNING (the agent's clock, like timestamp); kept through later states. */
  startedAt?: string;
}

export interface TaskObject extends Meta {
  readonly serviceId: string;
  readonly serviceName: string;
  readonly slot: number;
  /** Set by the scheduler; null while the task waits for a node. */
  readonly nodeId: string | null;
  /** A global service's task: the only node the scheduler may put it on (its slot). */
  readonly targetNodeId?: string;
  /** Written by managers only. */
  readonly desiredState: DesiredState;
  /** Written by the scheduler (NEW..ASSIGNED) and by agents through the dispatcher. */
  readonly status: TaskStatus;
  /** The container spec this task runs: the service's spec when the task was made. */
  readonly spec: ContainerSpec;
  /**
   * When earlier tasks of the slot running the same spec ended on their own, within the
   * restart window: what the restart policy's max attempts counts. Carried from task to
   * task so that reaped history still counts.
   */
  readonly restarts?: readonly string[];
  /** The service's placement when the task was made; a change replaces the task. */
  readonly placement?: ServicePlacement;
  /** The platforms the task's image is built for, when known: the scheduler matches nodes against them. */
  readonly platforms?: readonly { os: string; arch: string }[];
}

/** What a user or API token may do (docs/design/access.md): each role includes the ones after it. */
export type Role = 'ADMIN' | 'OPERATOR' | 'VIEWER';
export type TokenRole = Role;

export interface TokenObject extends Meta {
  readonly name: string;
  readonly role: TokenRole;
  /** sha256 of the token; the token itself is shown once and never stored. */
  readonly hash: string;
  /** The user who created it; none for the bootstrap admin token. Its role caps the token's. */
  readonly ownerId?: string;
  /** After this instant the token is refused; none: it does not expire. */
  readonly expiresAt?: string;
  /** Coarse (about a minute): recorded in batches, not on every request. */
  readonly lastUsedAt?: string;
}

export interface UserObject extends Meta {
  /** Unique, compared case-insensitively. */
  readonly username: string;
  readonly role: Role;
  /** bcrypt hash (salt and cost inside); the password itself is never stored. */
  readonly passwordHash: string;
  /** A disabled user cannot log in; its sessions are removed and its tokens refused. */
  readonly disabled: boolean;
}

/** A console login: the cookie's value is the secret, stored as its sha256. */
export interface SessionObject extends Meta {
  readonly userId: string;
  readonly hash: string;
  readonly expiresAt: string;
}

export type AuditActorKind = 'USER' | 'TOKEN' | 'ANONYMOUS';

/** One audited operation: every mutation and every login attempt. `createdAt` is its time. */
export interface AuditObject extends Meta {
  readonly actor: { kind: AuditActorKind; name: string };
  /** The GraphQL field: createService, login... */
  readonly operation: string;
  /** The arguments as JSON, secrets replaced by "[redacted]". */
  readonly arguments: string;
  /** OK, or the error code it ended with. */
  readonly result: string;
  readonly clientAddr?: string;
}

export interface ObjectOf {
  cluster: ClusterObject;
  node: NodeObject;
  service: ServiceObject;
  task: TaskObject;
  token: TokenObject;
  user: UserObject;
  session: SessionObject;
  audit: AuditObject;
}

export type StoredObject = ObjectOf[Kind];
