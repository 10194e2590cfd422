import { StringDecoder } from 'node:string_decoder';
import { Transform, TransformCallback } from 'node:stream';
import type { LogEntry, LogStreamName } from '@shoal/protocol';

const HEADER_BYTES = 8;
const STREAMS: Record<number, LogStreamName> = { 1: 'stdout', 2: 'stderr' };

/**
 * Turns the engine's multiplexed log stream (containers without a TTY) into lines.
 * Each frame is an 8-byte header — stream (1 stdout, 2 stderr), three zero bytes, the
 * payload size as a big-endian uint32 — then the payload. Frames and lines do not line
 * up: a frame may hold part of a line or several, so each stream keeps its partial line.
 * Lines start with the engine's timestamp (`timestamps: true`) and a space.
 */
export class LogDemuxer extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  private readonly partial: Record<LogStreamName, string> = { stdout: '', stderr: '' };
  /** A character may be cut between two frames too. */
  private readonly decoders: Record<LogStreamName, StringDecoder> = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };

  constructor() {
    super({ readableObjectMode: true });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let offset = 0;
    while (this.pending.length - offset >= HEADER_BYTES) {
      const size = this.pending.readUInt32BE(offset + 4);
      if (this.pending.length - offset < HEADER_BYTES + size) break;
      const stream = STREAMS[this.pending[offset]];
      const payload = this.pending.subarray(offset + HEADER_BYTES, offset + HEADER_BYTES + size);
      offset += HEADER_BYTES + size;
      if (stream) this.text(stream, this.decoders[stream].write(payload));
    }
    this.pending = this.pending.subarray(offset);
    done();
  }

  override _flush(done: TransformCallback): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = this.partial[stream] + this.decoders[stream].end();
      if (rest) this.line(stream, rest);
    }
    done();
  }

  private text(stream: LogStreamName, text: string): void {
    const parts = (this.partial[stream] + text).split('\n');
    this.partial[stream] = parts.pop() ?? '';
    for (const part of parts) this.line(stream, part);
  }

  private line(stream: LogStreamName, raw: string): void {
    const entry: LogEntry = splitTimestamp(stream, raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    this.push(entry);
  }
}

/** "2026-11-30T06:31:37.123456789Z hello" → timestamp and text. */
export function splitTimestamp(stream: LogStreamName, raw: string): LogEntry {
  const space = raw.indexOf(' ');
  const head = space > 0 ? raw.slice(0, space) : '';
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(head)) return { stream, timestamp: head, text: raw.slice(space + 1) };
  return { stream, timestamp: new Date().toISOString(), text: raw };
}
