import type { Readable } from 'node:stream';
import type { Assignment, NodeDescription, TaskHealth } from '@shoal/protocol';

/** A task's container as the engine reports it. */
export interface ContainerInfo {
  taskId: string;
  containerId: string;
  state: 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
  exitCode?: number;
  /** The engine's error for a container that failed to start. */
  error?: string;
  /** The engine's health verdict; absent when the container has no health check. */
  health?: TaskHealth;
  /** What the last health probe printed (or its exit code). */
  healthOutput?: string;
}

/** What part of a container's logs to read. */
export interface LogOptions {
  follow: boolean;
  tail?: number;
  /** Unix seconds. */
  since?: number;
}

export type EngineEventHandler = (taskId: string, action: string) => void;

/**
 * What the agent needs of a container engine. The Docker implementation lives in
 * ../docker; tests of the agent core use a fake. Every call is idempotent: stopping a
 * stopped container or removing a missing one succeeds.
 */
export interface Executor {
  describe(): Promise<Omit<NodeDescription, 'labels' | 'hostname'>>;
  /** Containers this node's agent created (by the node label). */
  list(nodeId: string): Promise<ContainerInfo[]>;
  inspect(nodeId: string, taskId: string): Promise<ContainerInfo | null>;
  /** Makes the image available locally (pulls when missing). */
  prepare(assignment: Assignment): Promise<void>;
  create(nodeId: string, assignment: Assignment): Promise<string>;
  start(containerId: string): Promise<void>;
  stop(containerId: string, timeoutSeconds: number): Promise<void>;
  remove(containerId: string): Promise<void>;
  /**
   * A task's container logs as an object-mode stream of LogEntry, in the order printed;
   * it ends at the end of the logs unless `follow`. Null when the task has no container.
   */
  logs(nodeId: string, taskId: string, options: LogOptions): Promise<Readable | null>;
  /** Streams container events of this node's containers until the returned function is called. */
  watch(nodeId: string, onEvent: EngineEventHandler, onError: (err: Error) => void): () => void;
}
