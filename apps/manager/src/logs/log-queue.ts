import type { ShoalError } from '../common/errors';
import type { LogsSink, TaskLogLine } from './logs-request';

/** Lines held for a subscriber that reads slower than containers print; beyond it lines are dropped and counted. */
export const MAX_QUEUED_LINES = 10_000;
/** The same bound in characters of text: lines can be long (the engine splits at 16 KiB). */
export const MAX_QUEUED_CHARS = 8 * 1024 * 1024;
/** At most this many lines leave in one subscription event. */
const MAX_EVENT_LINES = 1000;

export interface LogBatch {
  lines: TaskLogLine[];
  skipped: number;
}

/**
 * A subscription's side of a log stream: a sink the streams write to, read as an async
 * iterator by the GraphQL subscription. It holds at most MAX_QUEUED_LINES (and
 * MAX_QUEUED_CHARS of text); when the
 * reader falls further behind, new lines are dropped and the next event says how many.
 * Returning from the iterator (the client unsubscribed or went away) stops the streams.
 */
export class LogQueue<T> implements LogsSink, AsyncIterableIterator<T> {
  private lines: TaskLogLine[] = [];
  private chars = 0;
  private skipped = 0;
  private ended = false;
  private error: ShoalError | undefined;
  private wake: (() => void) | undefined;
  stop: () => void = () => undefined;

  constructor(private readonly wrap: (batch: LogBatch) => T) {}

  batch(lines: TaskLogLine[], skipped: number): void {
    if (this.ended) return;
    this.skipped += skipped;
    for (const line of lines) {
      if (this.lines.length >= MAX_QUEUED_LINES || this.chars + line.text.length > MAX_QUEUED_CHARS) this.skipped++;
      else {
        this.lines.push(line);
        this.chars += line.text.length;
      }
    }
    this.poke();
  }

  end(error?: ShoalError): void {
    this.ended = true;
    this.error = error;
    this.poke();
  }

  async next(): Promise<IteratorResult<T>> {
    while (this.lines.length === 0 && this.skipped === 0 && !this.ended) await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.lines.length > 0 || this.skipped > 0) {
      const lines = this.lines.splice(0, MAX_EVENT_LINES);
      for (const l of lines) this.chars -= l.text.length;
      const skipped = this.skipped;
      this.skipped = 0;
      return { value: this.wrap({ lines, skipped }), done: false };
    }
    if (this.error) {
      const error = this.error;
      this.error = undefined;
      throw error;
    }
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<T>> {
    this.ended = true;
    this.lines = [];
    this.chars = 0;
    this.stop();
    this.poke();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private poke(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/** Reads a bounded log to its end: lines of every task merged by time, at most `limit` (the latest); `skipped` counts the older ones left out. */
export function collect(open: (sink: LogsSink) => () => void, limit: number): Promise<LogBatch> {
  return new Promise((resolve, reject) => {
    let lines: TaskLogLine[] = [];
    let skipped = 0;
    // Keeping the latest `limit` of the lines so far never drops one of the latest `limit` overall.
    const latest = (): TaskLogLine[] => {
      skipped += Math.max(0, lines.length - limit);
      return lines.sort(byTime).slice(Math.max(0, lines.length - limit));
    };
    open({
      batch: (batch, dropped) => {
        skipped += dropped;
        lines.push(...batch);
        if (lines.length > limit * 2) lines = latest();
      },
      end: (error) => (error ? reject(error) : resolve({ lines: latest(), skipped })),
    });
  });
}

const byTime = (a: TaskLogLine, b: TaskLogLine): number => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0);
