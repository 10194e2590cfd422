/**
 * Task logs over the agent session (docs/design/logs.md). The manager asks for one
 * task's container logs with `logs`; the agent answers with ordered `log-batch`
 * messages and one `log-end`. `logs-cancel` stops a stream; a closed session stops all.
 */
export type LogStreamName = 'stdout' | 'stderr';

/** One line a container printed, as the engine recorded it. */
export interface LogEntry {
  stream: LogStreamName;
  /** RFC 3339 with nanoseconds, from the engine. */
  timestamp: string;
  /** Without the trailing newline. */
  text: string;
}

export interface LogsRequestMessage {
  type: 'logs';
  /** Chosen by the manager; unique within the session. */
  streamId: string;
  taskId: string;
  follow: boolean;
  /** Last lines to send first (all when absent). */
  tail?: number;
  /** Unix seconds: only lines at or after. */
  since?: number;
}

export interface LogsCancelMessage {
  type: 'logs-cancel';
  streamId: string;
}

export interface LogBatchMessage {
  type: 'log-batch';
  streamId: string;
  lines: LogEntry[];
}

export interface LogEndMessage {
  type: 'log-end';
  streamId: string;
  /** Why the stream ended early (no container, engine error); absent at a normal end. */
  error?: string;
}

/** At most this many lines travel in one batch. */
export const LOG_BATCH_MAX_LINES = 500;
