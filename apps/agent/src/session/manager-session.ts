import {
  AGENT_SESSION_PATH,
  AgentMessage,
  CLOSE,
  ManagerMessage,
  NodeDescription,
  PROTOCOL_VERSION,
  TaskStatusReport,
  WelcomeMessage,
  AssignmentsMessage,
  LogBatchMessage,
  LogEndMessage,
  LogsCancelMessage,
  LogsRequestMessage,
  UsageSample,
  StartManagerMessage,
  StopManagerMessage,
} from '@shoal/protocol';
import WebSocket from 'ws';
import { CredentialsFile } from './credentials-file';
import type { ManagersFile } from './managers-file';

export interface SessionOptions {
  /** Manager cluster addresses ("ws://host:4001" or "host:4001"); tried in turn after the known ones. */
  managers: string[];
  /** The managers the leader named last, tried first. */
  known: ManagersFile;
  joinToken: string;
  credentials: CredentialsFile;
  describe: () => Promise<NodeDescription>;
  onWelcome: (welcome: WelcomeMessage) => void;
  onAssignments: (message: AssignmentsMessage) => void;
  /** The manager asks for a task's logs, or stops asking. */
  onLogs: (message: LogsRequestMessage | LogsCancelMessage) => void;
  /** The session closed: whatever it carried (log streams) is over. */
  onClosed: () => void;
  /** promoteNode / demoteNode: start or stop the manager on this host. */
  onStartManager: (message: StartManagerMessage) => void;
  onStopManager: (message: StopManagerMessage) => void;
  /** Reports to send again after each (re)connect. */
  pendingReports: () => TaskStatusReport[];
  /** A refusal retrying cannot fix (bad join token, node removed). */
  onFatal: (code: string, message: string) => void;
  log: { info(m: string): void; warn(m: string): void };
}

/**
 * The agent's one session with a manager: hello, then heartbeats and batched status
 * reports. It reconnects with backoff, moving to the next manager on failure, and
 * treats a silent manager (no pong for three periods) as gone.
 */
export class ManagerSession {
  private ws: WebSocket | undefined;
  private managerIndex = 0;
  private attempt = 0;
  private stopped = false;
  private ready = false;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private leaderHint: string | undefined;
  /** Redirects followed since the last session opened: a bound, so stale hints cannot loop. */
  private redirects = 0;
  private outbox: TaskStatusReport[] = [];
  private flushScheduled = false;

  constructor(private readonly o: SessionOptions) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.heartbeatTimer);
    clearTimeout(this.reconnectTimer);
    this.ws?.close(1000, 'agent stopping');
  }

  /** Queues a status report; reports are sent together on the next turn of the event loop. */
  report(r: TaskStatusReport): void {
    if (!this.ready) return; // re-sent from pendingReports() once connected
    this.outbox.push(r);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const reports = this.outbox;
      this.outbox = [];
      if (reports.length > 0) this.send({ type: 'status', reports });
    });
  }

  /** Log lines for the manager; dropped when no session is open (the manager ends the stream). */
  sendLogs(m: LogBatchMessage | LogEndMessage): void {
    if (this.ready) this.send(m);
  }

  /** Bytes queued on the socket and not yet sent: log streams pause above a bound. */
  bufferedBytes(): number {
    return this.ws?.bufferedAmount ?? 0;
  }

  /** Sends a usage sample now, or drops it when no session is open: metrics may be lost. */
  sendUsage(sample: UsageSample): void {
    if (this.ready) this.send({ type: 'usage', sample });
  }

  /** Sends the node's description again (it changed: a manager started or stopped here). */
  redescribe(): void {
    if (!this.ready) return; // the next hello carries it
    void this.o.describe().then(
      (description) => this.send({ type: 'description', description }),
      (err: unknown) => this.o.log.warn(`cannot describe this node: ${String(err)}`),
    );
  }

  private connect(): void {
    if (this.stopped) return;
    // A manager that does not lead names the leader; go there next, then back to the list.
    const candidates = this.candidates();
    const target = this.leaderHint ?? candidates[this.managerIndex % candidates.length];
    this.leaderHint = undefined;
    const url = `${/^wss?:\/\//.test(target) ? target : `ws://${target}`}${AGENT_SESSION_PATH}`;
    const ws = new WebSocket(url, { maxPayload: 64 * 1024 * 1024, handshakeTimeout: 5000 });
    this.ws = ws;
    let lastPong = Date.now();
    ws.on('open', () => {
      void this.o.describe().then(
        (description) => {
          const credentials = this.o.credentials.read();
          this.send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, joinToken: this.o.joinToken, credentials, description });
        },
        (err: unknown) => {
          this.o.log.warn(`cannot describe this node: ${String(err)}`);
          ws.close();
        },
      );
    });
    ws.on('pong', () => (lastPong = Date.now()));
    /** Heartbeats every `periodMs` (the cluster's setting, from the welcome or a change since). */
    const beat = (periodMs: number): void => {
      clearInterval(this.heartbeatTimer);
      lastPong = Date.now();
      this.heartbeatTimer = setInterval(() => {
        if (Date.now() - lastPong > periodMs * 3) {
          this.o.log.warn(`manager ${target} stopped answering; reconnecting`);
          ws.terminate();
          return;
        }
        this.send({ type: 'heartbeat' });
        ws.ping();
      }, periodMs);
    };
    ws.on('message', (data) => {
      let msg: ManagerMessage;
      try {
        msg = JSON.parse((data as Buffer).toString('utf8')) as ManagerMessage;
      } catch {
        return;
      }
      switch (msg.type) {
        case 'welcome':
          if (msg.credentials) this.o.credentials.write(msg.credentials);
          this.attempt = 0;
          this.redirects = 0;
          this.ready = true;
          this.o.log.info(`session open with ${target} as node ${msg.nodeId}`);
          if (msg.managers) this.learn(msg.managers);
          beat(msg.heartbeatPeriodMs);
          this.o.onWelcome(msg);
          {
            const reports = this.o.pendingReports();
            if (reports.length > 0) this.send({ type: 'status', reports });
          }
          return;
        case 'assignments':
          this.o.onAssignments(msg);
          return;
        case 'logs':
        case 'logs-cancel':
          this.o.onLogs(msg);
          return;
        case 'managers':
          this.learn(msg.managers);
          return;
        case 'heartbeatSettings':
          this.o.log.info(`heartbeat period is now ${msg.heartbeatPeriodMs} ms`);
          beat(msg.heartbeatPeriodMs);
          return;
        case 'startManager':
          this.o.onStartManager(msg);
          return;
        case 'stopManager':
          this.o.onStopManager(msg);
          return;
        case 'error':
          if (msg.code === 'UNAUTHENTICATED' || msg.code === 'NODE_REMOVED' || msg.code === 'BAD_REQUEST') {
            this.stopped = true;
            this.o.onFatal(msg.code, msg.message);
          }
          return;
      }
    });
    ws.on('close', (code, reason) => {
      const wasReady = this.ready;
      this.ready = false;
      if (wasReady) this.o.onClosed();
      clearInterval(this.heartbeatTimer);
      if (this.stopped || code === CLOSE.unauthenticated || code === CLOSE.nodeRemoved) return;
      if (code === CLOSE.notLeader) {
        const leader = reason.toString();
        if (leader && leader !== target && this.redirects++ < 3) {
          this.leaderHint = leader;
          clearTimeout(this.reconnectTimer);
          this.reconnectTimer = setTimeout(() => this.connect(), 20);
          return;
        }
      }
      this.o.log.warn(`session with ${target} closed (${code}${reason.length ? ` ${reason.toString()}` : ''}); reconnecting`);
      this.scheduleReconnect();
    });
    ws.on('error', (err) => {
      if (!this.ready) this.o.log.warn(`cannot reach manager ${target}: ${err.message}`);
    });
  }

  /** The known managers (the leader first), then the configured ones not among them. */
  private candidates(): string[] {
    const known = this.o.known.list();
    return [...known, ...this.o.managers.filter((m) => !known.includes(m))];
  }

  private learn(managers: string[]): void {
    try {
      if (this.o.known.update(managers)) this.o.log.info(`managers: ${this.o.known.list().join(', ')}`);
    } catch (err) {
      this.o.log.warn(`cannot keep the manager list: ${String(err)}`);
    }
  }

  private scheduleReconnect(): void {
    this.managerIndex++;
    const delay = Math.min(2000, 100 * 2 ** Math.min(this.attempt++, 5)) * (0.5 + Math.random() / 2);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private send(m: AgentMessage): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(m));
  }
}
