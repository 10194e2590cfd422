import { Injectable } from '@nestjs/common';
import type { LogBatchMessage, LogEndMessage, LogEntry } from '@shoal/protocol';
import { newId } from '../common/ids';
import { Dispatcher } from '../dispatcher/dispatcher';

export interface TaskLogHandlers {
  lines(lines: LogEntry[]): void;
  /** Once, last; `error` when the stream ended early (no container, node gone). */
  end(error?: string): void;
}

export interface TaskLogRequest {
  taskId: string;
  follow: boolean;
  tail?: number;
  since?: number;
}

/**
 * Log streams asked of agents over their sessions (only the leader holds sessions).
 * Each has an id of its own; batches and the end come back through the agent gateway.
 * A session that closes ends its node's streams.
 */
@Injectable()
export class AgentLogs {
  private readonly streams = new Map<string, { nodeId: string; handlers: TaskLogHandlers }>();

  constructor(private readonly dispatcher: Dispatcher) {}

  /** Starts a stream; the returned function cancels it (no handler is called after). */
  open(nodeId: string, req: TaskLogRequest, handlers: TaskLogHandlers): () => void {
    const streamId = newId();
    const sent = this.dispatcher.send(nodeId, { type: 'logs', streamId, ...req });
    if (!sent) {
      queueMicrotask(() => handlers.end(`node ${nodeId} is not connected`));
      return () => undefined;
    }
    this.streams.set(streamId, { nodeId, handlers });
    return () => {
      if (this.streams.delete(streamId)) this.dispatcher.send(nodeId, { type: 'logs-cancel', streamId });
    };
  }

  /** A message of a node's agent about one of its streams; others' streams are ignored. */
  receive(nodeId: string, m: LogBatchMessage | LogEndMessage): void {
    const s = this.streams.get(m.streamId);
    if (!s || s.nodeId !== nodeId) return;
    if (m.type === 'log-batch') {
      if (Array.isArray(m.lines)) s.handlers.lines(m.lines);
      return;
    }
    this.streams.delete(m.streamId);
    s.handlers.end(typeof m.error === 'string' ? m.error : undefined);
  }

  sessionClosed(nodeId: string): void {
    for (const [id, s] of this.streams) {
      if (s.nodeId !== nodeId) continue;
      this.streams.delete(id);
      s.handlers.end(`the session with node ${nodeId} closed`);
    }
  }

  get size(): number {
    return this.streams.size;
  }
}
