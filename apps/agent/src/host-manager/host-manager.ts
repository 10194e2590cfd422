import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANAGER_FOLDER } from '@shoal/protocol';
import type { HostManagerConfig } from '../config';

interface Log {
  info(m: string): void;
  warn(m: string): void;
}

/** Agent settings that are not the manager's business: never passed to the manager it starts. */
const AGENT_ONLY = /^SHOAL_(JOIN_TOKEN|MANAGERS?|STATE_DIR|HOSTNAME|NODE_LABELS|AGENT_.*)$/;

/**
 * The manager on this node's host (docs/design/node-roles.md). The agent reports its
 * Raft member id, read from the manager's data folder; when the node is promoted it
 * starts one that joins the cluster (and starts it again whenever the agent starts), and
 * when demoted it stops the one it started and clears its data folder (a removed member
 * cannot come back under the same id).
 */
export class HostManager {
  private child: ChildProcess | undefined;

  constructor(
    private readonly config: HostManagerConfig,
    private readonly log: Log,
    /** Called when the member id on this host may have changed. */
    private readonly changed: () => void,
  ) {}

  /**
   * The member id kept in the manager's data folder, if a manager runs (or ran) here and
   * was not removed from the cluster.
   */
  memberId(): string | undefined {
    const read = (name: string): string | undefined => {
      try {
        return readFileSync(join(this.config.dataDir, name), 'utf8').trim() || undefined;
      } catch {
        return undefined;
      }
    };
    const id = read(MANAGER_FOLDER.memberId);
    return id !== undefined && read(MANAGER_FOLDER.removedMember) !== id ? id : undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts a manager that joins through `join` with the manager join token; nothing if one runs. */
  start(join: string[], joinToken: string): void {
    if (this.running) return;
    this.log.info(`promoted: starting a manager (API ${this.config.apiAddr}, cluster ${this.config.clusterAddr}) that joins through ${join[0]}`);
    mkdirSync(this.config.dataDir, { recursive: true, mode: 0o700 });
    // No token in it: a member restarting from its data folder needs none.
    writeFileSync(this.marker, JSON.stringify({ join: join[0] }), { mode: 0o600 });
    this.spawn(join[0], joinToken);
  }

  /** At agent start: starts again the manager this agent started before it stopped. */
  resume(): void {
    let join: string | undefined;
    try {
      join = (JSON.parse(readFileSync(this.marker, 'utf8')) as { join?: string }).join;
    } catch {
      return;
    }
    if (!join || this.running) return;
    this.log.info(`starting again the manager this agent started (member ${this.memberId() ?? 'not yet known'})`);
    this.spawn(join, undefined);
  }

  private get marker(): string {
    return join(this.config.dataDir, 'started-by-agent.json');
  }

  private spawn(joinThrough: string, joinToken: string | undefined): void {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!AGENT_ONLY.test(k)) env[k] = v;
    Object.assign(env, {
      SHOAL_DATA_DIR: this.config.dataDir,
      SHOAL_API_ADDR: this.config.apiAddr,
      SHOAL_CLUSTER_ADDR: this.config.clusterAddr,
      SHOAL_RAFT_JOIN: joinThrough,
    });
    if (this.config.advertiseAddr) env.SHOAL_CLUSTER_ADVERTISE_ADDR = this.config.advertiseAddr;
    if (joinToken) env.SHOAL_JOIN_TOKEN = joinToken;
    const child = spawn(process.execPath, [this.config.main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const prefix = (chunk: Buffer): string =>
      chunk
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => `manager | ${l}\n`)
        .join('');
    child.stdout?.on('data', (c: Buffer) => process.stdout.write(prefix(c)));
    child.stderr?.on('data', (c: Buffer) => process.stderr.write(prefix(c)));
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = undefined;
      this.log.warn(`the manager on this host exited (${signal ?? code})`);
    });
    // The manager writes its member id first thing; report it once it is there.
    let tries = 0;
    const poll = setInterval(() => {
      if (this.memberId() !== undefined || ++tries > 300 || child.exitCode !== null) {
        clearInterval(poll);
        this.changed();
      }
    }, 100);
  }

  /** Stops the manager this agent started and clears its data folder (after demotion). */
  async stop(memberId: string): Promise<void> {
    if (this.memberId() !== memberId) return;
    if (!existsSync(this.marker)) {
      // Not ours to stop. Mark its folder: this node reports no manager any more, and that
      // manager refuses to start again under an id the cluster removed.
      writeFileSync(join(this.config.dataDir, MANAGER_FOLDER.removedMember), `${memberId}\n`, { mode: 0o600 });
      this.log.warn(
        `manager ${memberId} on this host was removed from the cluster; this agent did not start it, so it keeps running until you stop it (it will not start again from ${this.config.dataDir})`,
      );
      this.changed();
      return;
    }
    await this.terminate();
    rmSync(this.config.dataDir, { recursive: true, force: true });
    this.log.info(`demoted: stopped manager ${memberId} and cleared ${this.config.dataDir}`);
    this.changed();
  }

  /** Stops the manager this agent started (the agent is stopping); its data stays. */
  async terminate(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
  }
}
