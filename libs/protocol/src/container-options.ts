/**
 * Container options an operator sets on a service beyond image, command, args, env and
 * ports: how the container runs on its node (docs/design/agent.md maps each to the engine).
 */
export interface Mount {
  /** bind: a path on the node; volume: a named volume (created when missing); tmpfs: memory. */
  type: 'bind' | 'volume' | 'tmpfs';
  /** Absolute node path (bind), volume name (volume, empty for an anonymous one); none for tmpfs. */
  source?: string;
  /** Absolute path inside the container. */
  target: string;
  readOnly?: boolean;
  /** tmpfs only: size limit in bytes. */
  tmpfsSizeBytes?: number;
  /** tmpfs only: file mode as a number, e.g. 0o1777. */
  tmpfsMode?: number;
}

export interface Ulimit {
  /** nofile, nproc, core, ... (without the RLIMIT_ prefix). */
  name: string;
  soft: number;
  hard: number;
}

export interface ContainerOptions {
  /** Working directory inside the container (absolute). */
  workdir?: string;
  /** user, user:group, uid or uid:gid. */
  user?: string;
  hostname?: string;
  /** Labels on the container itself (service labels stay on the service). */
  labels?: Record<string, string>;
  mounts?: Mount[];
  /** Signal sent to stop the container (SIGTERM when absent). */
  stopSignal?: string;
  /** How long a stop waits after the stop signal before it kills; 10 s when absent. */
  stopGracePeriodMs?: number;
  /** Runs an init process as PID 1 that forwards signals and reaps zombies. */
  init?: boolean;
  /** Mounts the container's root filesystem read-only. */
  readOnly?: boolean;
  capAdd?: string[];
  capDrop?: string[];
  ulimits?: Ulimit[];
}

/**
 * A health check, as the engine runs it. Absent: the image's HEALTHCHECK, if any.
 * `disable` turns the image's off; `command` (exec form) or `shell` (run by /bin/sh -c)
 * replace it. Durations left out keep the engine's (or the image's) defaults.
 */
export interface HealthCheck {
  disable?: boolean;
  command?: string[];
  shell?: string;
  intervalMs?: number;
  timeoutMs?: number;
  retries?: number;
  startPeriodMs?: number;
}

/** What the engine says of a task's health; absent when its container has no health check. */
export type TaskHealth = 'starting' | 'healthy' | 'unhealthy';
