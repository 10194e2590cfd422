import { Logger } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AGENT_SESSION_PATH, AgentMessage, CLOSE, HelloMessage, ManagerMessage } from '@shoal/protocol';
import { WebSocket, WebSocketServer } from 'ws';
import { AgentSession, Dispatcher, SessionRefused } from './dispatcher';

const HELLO_TIMEOUT_MS = 10_000;
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/**
 * The cluster listener: agents open a WebSocket to /v1/session, send `hello` first,
 * then heartbeats and status reports. Kept apart from the API port so that mutual TLS
 * can be required here without touching the public API.
 */
export class AgentGateway {
  private readonly log = new Logger('AgentGateway');
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;

  constructor(private readonly dispatcher: Dispatcher) {}

  async listen(host: string, port: number): Promise<AddressInfo> {
    this.server = createServer((_req, res) => {
      res.writeHead(426, { 'content-type': 'text/plain' }).end('agents connect here with a WebSocket\n');
    });
    this.wss = new WebSocketServer({ server: this.server, path: AGENT_SESSION_PATH, maxPayload: MAX_MESSAGE_BYTES });
    this.wss.on('connection', (ws, req) => this.onConnection(ws, req.socket.remoteAddress ?? 'unknown'));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    return this.server.address() as AddressInfo;
  }

  async close(): Promise<void> {
    for (const ws of this.wss?.clients ?? []) ws.terminate();
    this.wss?.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private onConnection(ws: WebSocket, addr: string): void {
    let nodeId: string | undefined;
    const session: AgentSession = {
      send: (m: ManagerMessage) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m));
      },
      close: (code, reason) => ws.close(code, reason),
    };
    const helloTimer = setTimeout(() => ws.close(CLOSE.badRequest, 'no hello'), HELLO_TIMEOUT_MS);
    let registering = false;

    ws.on('message', (data) => {
      let msg: AgentMessage;
      try {
        msg = JSON.parse((data as Buffer).toString('utf8')) as AgentMessage;
      } catch {
        ws.close(CLOSE.badRequest, 'malformed message');
        return;
      }
      if (!nodeId) {
        if (msg.type !== 'hello' || registering) {
          if (!registering) ws.close(CLOSE.badRequest, 'hello expected first');
          return;
        }
        registering = true;
        void this.hello(ws, session, msg, addr).then((id) => {
          clearTimeout(helloTimer);
          nodeId = id;
        });
        return;
      }
      switch (msg.type) {
        case 'heartbeat':
          this.dispatcher.heartbeat(nodeId);
          return;
        case 'status':
          if (Array.isArray(msg.reports)) this.dispatcher.report(nodeId, msg.reports);
          return;
        case 'hello':
          return;
      }
    });
    ws.on('close', () => {
      clearTimeout(helloTimer);
      if (nodeId) this.dispatcher.detach(nodeId, session);
    });
    ws.on('error', (err) => this.log.warn(`session from ${addr}: ${err.message}`));
  }

  private async hello(ws: WebSocket, session: AgentSession, hello: HelloMessage, addr: string): Promise<string | undefined> {
    try {
      const { nodeId, credentials } = await this.dispatcher.register(hello, addr);
      if (ws.readyState !== WebSocket.OPEN) return undefined;
      session.send({ type: 'welcome', nodeId, credentials, heartbeatPeriodMs: this.dispatcher.heartbeatPeriodMs() });
      this.dispatcher.attach(nodeId, session);
      return nodeId;
    } catch (err) {
      if (err instanceof SessionRefused) {
        this.log.warn(`refused agent from ${addr}: ${err.message}`);
        session.send({ type: 'error', code: err.code, message: err.message });
        ws.close(err.closeCode, err.code);
      } else {
        this.log.error(`registering agent from ${addr} failed: ${String(err)}`);
        session.send({ type: 'error', code: 'UNAVAILABLE', message: 'the manager could not register the node; retrying is safe' });
        ws.close(1011, 'UNAVAILABLE');
      }
      return undefined;
    }
  }
}
