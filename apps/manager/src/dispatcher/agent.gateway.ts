import { Logger } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { AgentMessage, CLOSE, HelloMessage, LogBatchMessage, LogEndMessage, ManagerMessage } from '@shoal/protocol';
import { WebSocket, WebSocketServer } from 'ws';
import { AgentSession, Dispatcher, SessionRefused } from './dispatcher';

/** Where log messages of agents go (AgentLogs). */
export interface AgentLogReceiver {
  receive(nodeId: string, message: LogBatchMessage | LogEndMessage): void;
  sessionClosed(nodeId: string): void;
}
/** Where a node's usage samples go (MetricsService on the leader). */
export type UsageSink = (nodeId: string, sample: unknown) => void;

const HELLO_TIMEOUT_MS = 10_000;
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/**
 * Agent sessions: agents open a WebSocket to /v1/session on the cluster port, send
 * `hello` first, then heartbeats and status reports. Only the leader serves them; other
 * managers close the socket with CLOSE.notLeader and the leader's address.
 */
export class AgentGateway {
  private readonly log = new Logger('AgentGateway');
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  constructor(
    private readonly dispatcher: Dispatcher,
    /** Null while this manager runs the dispatcher; else the leader's cluster address ('' when unknown). */
    private readonly redirect: () => string | null,
    private readonly logs: AgentLogReceiver,
    private readonly onUsage: UsageSink = () => undefined,
  ) {}

  /** Accepts an agent's connection (called by the cluster listener for the session path). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const leader = this.redirect();
      // Only the leader dispatches: point the agent at it (or at nobody, during an election).
      if (leader !== null) ws.close(CLOSE.notLeader, leader);
      else this.onConnection(ws, req.socket.remoteAddress ?? 'unknown');
    });
  }

  /** Ends every session, e.g. when this manager stops leading: agents reconnect to the leader. */
  closeSessions(code: number, reason: string): void {
    for (const ws of this.wss.clients) ws.close(code, reason);
  }

  close(): void {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
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
        case 'log-batch':
        case 'log-end':
          if (typeof msg.streamId === 'string') this.logs.receive(nodeId, msg);
          return;
        case 'usage':
          this.onUsage(nodeId, msg.sample);
          return;
        case 'description':
          if (msg.description && typeof msg.description === 'object') void this.dispatcher.describe(nodeId, msg.description);
          return;
        case 'hello':
          return;
      }
    });
    ws.on('close', () => {
      clearTimeout(helloTimer);
      if (nodeId) {
        this.dispatcher.detach(nodeId, session);
        this.logs.sessionClosed(nodeId);
      }
    });
    ws.on('error', (err) => this.log.warn(`session from ${addr}: ${err.message}`));
  }

  private async hello(ws: WebSocket, session: AgentSession, hello: HelloMessage, addr: string): Promise<string | undefined> {
    try {
      const { nodeId, credentials } = await this.dispatcher.register(hello, addr);
      if (ws.readyState !== WebSocket.OPEN) return undefined;
      session.send({ type: 'welcome', nodeId, credentials, heartbeatPeriodMs: this.dispatcher.heartbeatPeriodMs(), managers: this.dispatcher.managers() });
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
