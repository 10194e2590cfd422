import { Logger } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { timingSafeEqual } from 'node:crypto';
import type { Message } from '@shoal/raft';
import { WebSocket, WebSocketServer } from 'ws';

export const RAFT_PATH = '/v1/raft';
const FROM_HEADER = 'shoal-raft-from';
const MAX_FRAME_BYTES = 256 * 1024 * 1024;
/** Messages queued for a peer while its connection opens; older ones are dropped (Raft resends). */
const MAX_QUEUED = 4096;
/** Stop writing to a peer that does not read: Raft tolerates the loss, memory would not. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

interface Outbound {
  ws: WebSocket;
  queue: string[];
}

/**
 * Raft messages between managers: one WebSocket per direction and peer on the cluster
 * port (`/v1/raft`), each frame a JSON array of the messages one Ready had for that
 * peer. Peers are addressed by member id; a connection proves it is a manager of this
 * cluster with the shared secret (mutual TLS replaces this without touching Raft).
 * Delivery is best effort, as Raft expects: messages to an unreachable peer are dropped.
 */
export class PeerTransport {
  private readonly log = new Logger('PeerTransport');
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly out = new Map<string, Outbound>();
  private readonly lastHeard = new Map<string, number>();
  private closed = false;

  constructor(
    private readonly self: string,
    private readonly addresses: () => ReadonlyMap<string, string>,
    private readonly secret: string | undefined,
    private readonly onMessage: (m: Message) => void,
  ) {}

  /** Accepts a peer's connection (called by the cluster listener for `/v1/raft`). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const from = String(req.headers[FROM_HEADER] ?? '');
    if (!this.secret || !this.addresses().has(from) || from === this.self || !sameSecret(req.headers.authorization, this.secret)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('message', (data) => {
        this.lastHeard.set(from, Date.now());
        let batch: Message[];
        try {
          batch = JSON.parse((data as Buffer).toString('utf8')) as Message[];
        } catch {
          ws.close(4400, 'malformed frame');
          return;
        }
        for (const m of batch) if (m.from === from && m.to === this.self) this.onMessage(m);
      });
      ws.on('error', () => ws.terminate());
    });
  }

  send(messages: readonly Message[]): void {
    if (this.closed) return;
    const byPeer = new Map<string, Message[]>();
    for (const m of messages) {
      const list = byPeer.get(m.to);
      if (list) list.push(m);
      else byPeer.set(m.to, [m]);
    }
    for (const [to, batch] of byPeer) this.write(to, JSON.stringify(batch));
  }

  /** When a message from `id` last arrived (ms since the epoch), if ever. */
  heardFrom(id: string): number | undefined {
    return this.lastHeard.get(id);
  }

  close(): void {
    this.closed = true;
    for (const o of this.out.values()) o.ws.terminate();
    this.out.clear();
    for (const ws of this.wss.clients) ws.terminate();
  }

  private write(to: string, frame: string): void {
    let o = this.out.get(to);
    if (!o) {
      const addr = this.addresses().get(to);
      if (!addr) return;
      o = this.connect(to, addr);
    }
    if (o.ws.readyState === WebSocket.OPEN) {
      if (o.ws.bufferedAmount < MAX_BUFFERED_BYTES) o.ws.send(frame);
    } else if (o.ws.readyState === WebSocket.CONNECTING) {
      o.queue.push(frame);
      if (o.queue.length > MAX_QUEUED) o.queue.shift();
    }
  }

  private connect(to: string, addr: string): Outbound {
    const url = `${/^wss?:\/\//.test(addr) ? addr : `ws://${addr}`}${RAFT_PATH}`;
    const ws = new WebSocket(url, {
      headers: { [FROM_HEADER]: this.self, authorization: `Bearer ${this.secret ?? ''}` },
      handshakeTimeout: 2000,
      maxPayload: MAX_FRAME_BYTES,
    });
    const o: Outbound = { ws, queue: [] };
    this.out.set(to, o);
    ws.on('open', () => {
      for (const f of o.queue) ws.send(f);
      o.queue = [];
    });
    let reported = false;
    const drop = (why: string): void => {
      // The next message to this peer opens a new connection; Raft's heartbeats pace retries.
      if (this.out.get(to) === o) this.out.delete(to);
      if (!reported && !this.closed) this.log.debug(`connection to ${to} at ${addr} lost: ${why}`);
      reported = true;
    };
    ws.on('close', (code) => drop(`closed (${code})`));
    ws.on('error', (err) => {
      drop(err.message);
      ws.terminate();
    });
    return o;
  }
}

function sameSecret(header: string | undefined, secret: string): boolean {
  const given = Buffer.from(header ?? '');
  const want = Buffer.from(`Bearer ${secret}`);
  return given.length === want.length && timingSafeEqual(given, want);
}
