import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { timingSafeEqual } from 'node:crypto';
import { WebSocket, WebSocketServer } from 'ws';
import { ErrorCode, ShoalError } from '../common/errors';
import type { LogsRequest, LogsSink, TaskLogLine } from './logs-request';

/** On the cluster port: a follower asks the leader for a service's logs. */
export const LOGS_PATH = '/v1/logs';
const FROM_HEADER = 'shoal-raft-from';
/** Above this much unsent data the leader drops lines for a slow follower and counts them. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

type Frame = { lines: TaskLogLine[]; skipped: number } | { end: true; error?: { code: ErrorCode; message: string } };

/** Follower side: streams the leader's answer into the sink; the returned function stops it. */
export function forwardLogs(leader: string, from: string, secret: string, req: LogsRequest, sink: LogsSink): () => void {
  const ws = new WebSocket(`ws://${leader}${LOGS_PATH}`, { headers: { [FROM_HEADER]: from, authorization: `Bearer ${secret}` }, handshakeTimeout: 5000 });
  let done = false;
  const end = (error?: ShoalError): void => {
    if (done) return;
    done = true;
    sink.end(error);
  };
  ws.on('open', () => ws.send(JSON.stringify(req)));
  ws.on('message', (data) => {
    let f: Frame;
    try {
      f = JSON.parse((data as Buffer).toString('utf8')) as Frame;
    } catch {
      return;
    }
    if ('end' in f) {
      end(f.error ? new ShoalError(f.error.code, f.error.message) : undefined);
      ws.close(1000);
    } else if (!done) sink.batch(f.lines, f.skipped);
  });
  ws.on('error', () => undefined);
  ws.on('close', () => end(new ShoalError('UNAVAILABLE', `the leader (${leader}) stopped streaming logs; retry`)));
  return () => {
    done = true;
    ws.close(1000);
  };
}

/** Leader side: serves followers' log requests from its own agent sessions. */
export class LogsPeerHandler {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  constructor(
    private readonly secret: () => string | undefined,
    private readonly isMember: (id: string) => boolean,
    private readonly open: (req: LogsRequest, sink: LogsSink) => () => void,
  ) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const secret = this.secret();
    if (!secret || !this.isMember(String(req.headers[FROM_HEADER] ?? '')) || !sameSecret(req.headers.authorization, secret)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.serve(ws));
  }

  close(): void {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  private serve(ws: WebSocket): void {
    let stop: (() => void) | undefined;
    let skipped = 0;
    const send = (f: Frame): void => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(f));
    };
    ws.once('message', (data) => {
      let req: LogsRequest;
      try {
        req = JSON.parse((data as Buffer).toString('utf8')) as LogsRequest;
      } catch {
        return ws.close(4400, 'malformed request');
      }
      stop = this.open(req, {
        batch: (lines, alreadySkipped) => {
          if (ws.bufferedAmount > MAX_BUFFERED_BYTES) skipped += lines.length + alreadySkipped;
          else {
            send({ lines, skipped: skipped + alreadySkipped });
            skipped = 0;
          }
        },
        end: (error) => {
          send(error ? { end: true, error: { code: error.code, message: error.message } } : { end: true });
          ws.close(1000);
        },
      });
    });
    ws.on('close', () => stop?.());
    ws.on('error', () => undefined);
  }
}

function sameSecret(header: string | undefined, secret: string): boolean {
  const given = Buffer.from(header ?? '');
  const want = Buffer.from(`Bearer ${secret}`);
  return given.length === want.length && timingSafeEqual(given, want);
}
