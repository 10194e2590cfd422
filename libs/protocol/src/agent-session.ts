import type { TaskHealth } from './container-options';
import type { ContainerSpec } from './container-spec';
import type { LogBatchMessage, LogEndMessage, LogsCancelMessage, LogsRequestMessage } from './logs';
import type { DesiredState, TaskState } from './task-state';
import type { UsageMessage } from './usage';

/**
 * The agent session: one long-lived WebSocket from an agent to a manager's cluster
 * port. Messages are JSON objects with a `type`. See docs/design/dispatcher.md.
 */
export const AGENT_SESSION_PATH = '/v1/session';
export const PROTOCOL_VERSION = 1;

export interface NodeDescription {
  hostname: string;
  cpus: number;
  memoryBytes: number;
  os: string;
  arch: string;
  engineVersion: string;
  engineLabels: Record<string, string>;
  /** Labels the agent was started with (SHOAL_NODE_LABELS). */
  labels: Record<string, string>;
  /**
   * The Raft member id of the manager on this host, read from its data folder
   * (SHOAL_AGENT_MANAGER_DATA); absent when no manager runs here. The manager derives the
   * node's role from it: MANAGER while that member is a voter.
   */
  managerMemberId?: string;
}

/** The identity a manager gave a node on its first join; proves it on reconnect. */
export interface NodeCredentials {
  nodeId: string;
  secret: string;
}

export interface HelloMessage {
  type: 'hello';
  protocolVersion: number;
  joinToken: string;
  credentials?: NodeCredentials;
  description: NodeDescription;
}

export interface HeartbeatMessage {
  type: 'heartbeat';
}

export interface TaskStatusReport {
  taskId: string;
  state: TaskState;
  message: string;
  err?: string;
  containerId?: string;
  exitCode?: number;
  /** The engine's health verdict, for containers with a health check. */
  health?: TaskHealth;
  /** ISO time the agent observed the state. */
  timestamp: string;
}

export interface StatusMessage {
  type: 'status';
  reports: TaskStatusReport[];
}

/** The node's description changed (e.g. a manager now runs on its host). */
export interface DescriptionMessage {
  type: 'description';
  description: NodeDescription;
}

export type AgentMessage = HelloMessage | HeartbeatMessage | StatusMessage | UsageMessage | DescriptionMessage | LogBatchMessage | LogEndMessage;

export interface WelcomeMessage {
  type: 'welcome';
  nodeId: string;
  /** Only on first join: the agent stores it and presents it on reconnect. */
  credentials?: NodeCredentials;
  heartbeatPeriodMs: number;
  /** Cluster addresses of the voting managers, the leader first: where to reconnect if this one goes. */
  managers?: string[];
}

export interface Assignment {
  taskId: string;
  serviceId: string;
  serviceName: string;
  slot: number;
  desiredState: DesiredState;
  /** Observed state as the manager last recorded it. */
  state: TaskState;
  spec: ContainerSpec;
}

/** The node's whole assignment set: level-triggered, each message replaces the last. */
export interface AssignmentsMessage {
  type: 'assignments';
  tasks: Assignment[];
}

export interface SessionErrorMessage {
  type: 'error';
  code: 'UNAUTHENTICATED' | 'BAD_REQUEST' | 'NODE_REMOVED' | 'UNAVAILABLE';
  message: string;
}

/**
 * promoteNode: start a manager on this host that joins the cluster through `join` with
 * the manager join token (a secret: sent only to this node, never logged).
 */
export interface StartManagerMessage {
  type: 'startManager';
  /** Cluster addresses of the current managers, the leader first. */
  join: string[];
  joinToken: string;
}

/** demoteNode: the manager on this host was removed from Raft; stop it. */
export interface StopManagerMessage {
  type: 'stopManager';
  memberId: string;
}

/** updateClusterSettings changed the heartbeat period: heartbeat at this one from now on, without reconnecting. */
export interface HeartbeatSettingsMessage {
  type: 'heartbeatSettings';
  heartbeatPeriodMs: number;
}

/** The voting managers changed (promote, demote, a member replaced): the agent's list to reconnect through. */
export interface ManagersMessage {
  type: 'managers';
  /** Cluster addresses, the leader first. */
  managers: string[];
}

export type ManagerMessage =
  | WelcomeMessage
  | ManagersMessage
  | AssignmentsMessage
  | SessionErrorMessage
  | StartManagerMessage
  | StopManagerMessage
  | HeartbeatSettingsMessage
  | LogsRequestMessage
  | LogsCancelMessage;

/** WebSocket close codes used by the session (4000-4999 are application codes). */
export const CLOSE = {
  unauthenticated: 4401,
  nodeRemoved: 4404,
  replaced: 4409,
  heartbeatExpired: 4408,
  badRequest: 4400,
  /** This manager does not dispatch; the close reason is the leader's cluster address ('' during an election). */
  notLeader: 4503,
} as const;
