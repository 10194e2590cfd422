import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { AGENT_SESSION_PATH } from '@shoal/protocol';
import type { AgentGateway } from '../dispatcher/agent.gateway';
import type { LogsPeerHandler } from '../logs/log-forwarding';
import { LOGS_PATH } from '../logs/log-forwarding';
import { JOIN_PATH } from '../raft/join';
import { RAFT_PATH } from '../raft/peer-transport';
import type { ManagerJoinHandler } from './manager-join.handler';

type UpgradeHandler = { handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void };

/**
 * The cluster port: agent sessions (`/v1/session`), Raft between managers
 * (`/v1/raft`) and logs a follower forwards to the leader (`/v1/logs`), all WebSockets, and new managers asking to join (`POST /v1/managers/join`). Kept apart from the API port so that mutual TLS can be
 * required here without touching the public API.
 */
export class ClusterListener {
  private server: Server | undefined;

  constructor(
    private readonly agents: AgentGateway,
    private readonly peers: UpgradeHandler,
    private readonly joins: ManagerJoinHandler,
    private readonly logs: LogsPeerHandler,
  ) {}

  async listen(host: string, port: number): Promise<AddressInfo> {
    const server = createServer((req, res) => {
      if (req.method === 'POST' && (req.url ?? '').split('?')[0] === JOIN_PATH) return this.joins.handle(req, res);
      res.writeHead(426, { 'content-type': 'text/plain' }).end('agents and managers connect here with a WebSocket\n');
    });
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      const path = (req.url ?? '').split('?')[0];
      if (path === AGENT_SESSION_PATH) this.agents.handleUpgrade(req, socket, head);
      else if (path === RAFT_PATH) this.peers.handleUpgrade(req, socket, head);
      else if (path === LOGS_PATH) this.logs.handleUpgrade(req, socket, head);
      else socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return server.address() as AddressInfo;
  }

  async close(): Promise<void> {
    this.agents.close();
    this.logs.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
