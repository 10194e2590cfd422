import type { Readable } from 'node:stream';
import { LOG_BATCH_MAX_LINES, LogBatchMessage, LogEndMessage, LogEntry, LogsRequestMessage } from '@shoal/protocol';
import type { Executor } from '../executor/executor';

export interface LogSink {
  send(message: LogBatchMessage | LogEndMessage): void;
  /** Bytes written to the session but not yet on the wire. */
  bufferedBytes(): number;
}

/** A batch leaves once its text reaches this size, whatever its line count (lines can be 16 KiB). */
export const BATCH_MAX_CHARS = 1024 * 1024;
/** Lines wait this long for company before their batch leaves. */
const FLUSH_MS = 50;
/** Above this much unsent session data, reading logs pauses until it drains. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
const DRAIN_POLL_MS = 50;

interface Stream {
  source?: Readable;
  batch: LogEntry[];
  chars: number;
  timer?: NodeJS.Timeout;
  cancelled: boolean;
}

/**
 * The log streams the manager asked this agent for, by stream id. Lines leave in
 * ordered batches of at most LOG_BATCH_MAX_LINES lines and about BATCH_MAX_CHARS of
 * text; when the session's socket has more than MAX_BUFFERED_BYTES unsent, reading
 * pauses (the engine holds the rest) rather than buffering here without bound. Cancelling, or the session closing, ends them.
 */
export class LogStreams {
  private readonly streams = new Map<string, Stream>();

  constructor(
    private readonly nodeId: () => string | undefined,
    private readonly executor: Executor,
    private readonly sink: LogSink,
  ) {}

  get size(): number {
    return this.streams.size;
  }

  open(req: LogsRequestMessage): void {
    if (this.streams.has(req.streamId)) return;
    const s: Stream = { batch: [], chars: 0, cancelled: false };
    this.streams.set(req.streamId, s);
    const nodeId = this.nodeId();
    if (!nodeId) return this.end(req.streamId, 'the agent has not joined yet');
    this.executor.logs(nodeId, req.taskId, { follow: req.follow, tail: req.tail, since: req.since }).then(
      (source) => {
        if (s.cancelled) return source?.destroy();
        if (!source) return this.end(req.streamId, `task ${req.taskId} has no container on this node`);
        s.source = source;
        source.on('data', (e: LogEntry) => this.add(req.streamId, s, e));
        source.on('end', () => this.end(req.streamId));
        source.on('error', (err: Error) => this.end(req.streamId, err.message));
      },
      (err: unknown) => this.end(req.streamId, err instanceof Error ? err.message : String(err)),
    );
  }

  cancel(streamId: string): void {
    const s = this.streams.get(streamId);
    if (!s) return;
    s.cancelled = true;
    clearTimeout(s.timer);
    s.source?.destroy();
    this.streams.delete(streamId);
  }

  /** The session closed: nobody is listening any more. */
  cancelAll(): void {
    for (const id of [...this.streams.keys()]) this.cancel(id);
  }

  private add(streamId: string, s: Stream, e: LogEntry): void {
    s.batch.push(e);
    s.chars += e.text.length;
    if (s.batch.length >= LOG_BATCH_MAX_LINES || s.chars >= BATCH_MAX_CHARS) this.flush(streamId, s);
    else s.timer ??= setTimeout(() => this.flush(streamId, s), FLUSH_MS);
  }

  private flush(streamId: string, s: Stream): void {
    clearTimeout(s.timer);
    s.timer = undefined;
    if (s.cancelled || s.batch.length === 0) return;
    const lines = s.batch;
    s.batch = [];
    s.chars = 0;
    this.sink.send({ type: 'log-batch', streamId, lines });
    if (this.sink.bufferedBytes() > MAX_BUFFERED_BYTES && s.source && !s.source.isPaused()) this.pauseUntilDrained(s);
  }

  private pauseUntilDrained(s: Stream): void {
    s.source?.pause();
    const poll = (): void => {
      if (s.cancelled) return;
      if (this.sink.bufferedBytes() > MAX_BUFFERED_BYTES) setTimeout(poll, DRAIN_POLL_MS);
      else s.source?.resume();
    };
    setTimeout(poll, DRAIN_POLL_MS);
  }

  private end(streamId: string, error?: string): void {
    const s = this.streams.get(streamId);
    if (!s || s.cancelled) return;
    this.flush(streamId, s);
    s.cancelled = true;
    this.streams.delete(streamId);
    this.sink.send(error ? { type: 'log-end', streamId, error } : { type: 'log-end', streamId });
  }
}
