import { resolve } from 'node:path';
import { passwordProblem } from './auth/password';

/** Manager settings, from the environment (docs/configuration.md lists them all). */
export interface ManagerConfig {
  dataDir: string;
  /** GraphQL API and console: host and port. */
  apiHost: string;
  apiPort: number;
  /** Where the cluster listener binds: agent sessions and Raft between managers. */
  clusterHost: string;
  clusterPort: number;
  /**
   * HOST:PORT other managers and agents reach this one at: its Raft member address, and
   * what agents are told (SHOAL_CLUSTER_ADVERTISE_ADDR; SHOAL_CLUSTER_ADDR unless that
   * listens on every interface).
   */
  clusterAdvertise: string;
  /** When set, this token is an admin token (bootstrap); never logged. */
  adminToken?: string;
  /** When set and there are no users yet, bootstrap creates the user `admin` with this password. */
  adminPassword?: string;
  consoleDir: string;
  access: AccessSettings;
  /** Initial cluster settings (only used when the cluster is created). */
  heartbeatPeriodMs: number;
  heartbeatGrace: number;
  taskHistoryLimit: number;
  restartDelayMs: number;
  raft: RaftSettings;
  graphql: { maxDepth: number; maxFields: number; maxItems: number; introspection: boolean };
  metrics: MetricsSettings;
}

/** CPU and memory history in Redis (docs/design/metrics.md). */
export interface MetricsSettings {
  /** redis://[user:password@]host:port[/db]; never logged with its password. */
  redisUrl: string;
  /** Samples older than this are dropped from each series. */
  retentionSeconds: number;
  /** How often the leader adds a cluster-wide sample (match the agents' SHOAL_METRICS_INTERVAL_MS). */
  intervalMs: number;
}

/** How this manager takes part in Raft (docs/design/raft.md, "In the manager"). */
export interface RaftSettings {
  /** This manager's member id; kept in the data folder after the first start. */
  id?: string;
  /** Every voting member, this one included: id → cluster address. Empty: a one-manager cluster. */
  peers: Map<string, string>;
  /** Shared by the managers of a cluster; proves a peer connection is one of them. */
  secret?: string;
  /** A member's cluster address to join an existing cluster through, with `joinToken` (a manager join token). */
  join?: string;
  joinToken?: string;
  tickMs: number;
  electionTicks: number;
  /** Compact the Raft log when it holds this many applied entries... */
  compactAfter: number;
  /** ...keeping this many for followers that are a little behind (the rest get a snapshot). */
  trailingEntries: number;
}

/** Users, sessions, lockout and audit (docs/design/access.md). */
export interface AccessSettings {
  sessionTtlSeconds: number;
  /** Failed logins of one username within the lockout window that lock it. */
  loginMaxFailures: number;
  /** Failed logins from one client address within the window that lock it. */
  loginAddressMaxFailures: number;
  loginLockoutSeconds: number;
  auditRetentionRecords: number;
  auditRetentionDays: number;
  /** How often each manager writes the tokens' last use, and how coarse it is. */
  tokenLastUseIntervalMs: number;
}

export const MANAGER_CONFIG = Symbol('MANAGER_CONFIG');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ManagerConfig {
  const [apiHost, apiPort] = hostPort(env.SHOAL_API_ADDR ?? '127.0.0.1:4000', 'SHOAL_API_ADDR');
  const [clusterHost, clusterPort] = hostPort(env.SHOAL_CLUSTER_ADDR ?? '127.0.0.1:4001', 'SHOAL_CLUSTER_ADDR');
  const clusterAdvertise = advertiseAddress(env, clusterHost, clusterPort);
  return {
    dataDir: resolve(env.SHOAL_DATA_DIR ?? '.shoal/manager'),
    apiHost,
    apiPort,
    clusterHost,
    clusterPort,
    clusterAdvertise,
    adminToken: env.SHOAL_ADMIN_TOKEN || undefined,
    adminPassword: adminPassword(env.SHOAL_ADMIN_PASSWORD),
    consoleDir: resolve(env.SHOAL_CONSOLE_DIR ?? resolve(__dirname, '../../console/dist')),
    heartbeatPeriodMs: int(env.SHOAL_HEARTBEAT_PERIOD_MS, 1000, 'SHOAL_HEARTBEAT_PERIOD_MS', 100, 60_000),
    heartbeatGrace: int(env.SHOAL_HEARTBEAT_GRACE, 3, 'SHOAL_HEARTBEAT_GRACE', 2, 100),
    restartDelayMs: int(env.SHOAL_RESTART_DELAY_MS, 1000, 'SHOAL_RESTART_DELAY_MS', 0, 3_600_000),
    taskHistoryLimit: int(env.SHOAL_TASK_HISTORY_LIMIT, 5, 'SHOAL_TASK_HISTORY_LIMIT', 1, 100),
    raft: raftSettings(env),
    access: {
      sessionTtlSeconds: int(env.SHOAL_SESSION_TTL_S, 43_200, 'SHOAL_SESSION_TTL_S', 60, 31_536_000),
      loginMaxFailures: int(env.SHOAL_LOGIN_MAX_FAILURES, 5, 'SHOAL_LOGIN_MAX_FAILURES', 1, 1000),
      loginAddressMaxFailures: int(env.SHOAL_LOGIN_ADDRESS_MAX_FAILURES, 20, 'SHOAL_LOGIN_ADDRESS_MAX_FAILURES', 1, 100_000),
      loginLockoutSeconds: int(env.SHOAL_LOGIN_LOCKOUT_S, 900, 'SHOAL_LOGIN_LOCKOUT_S', 1, 86_400),
      auditRetentionRecords: int(env.SHOAL_AUDIT_RETENTION_RECORDS, 10_000, 'SHOAL_AUDIT_RETENTION_RECORDS', 1, 1_000_000),
      auditRetentionDays: int(env.SHOAL_AUDIT_RETENTION_DAYS, 90, 'SHOAL_AUDIT_RETENTION_DAYS', 1, 3650),
      tokenLastUseIntervalMs: int(env.SHOAL_TOKEN_LAST_USE_INTERVAL_MS, 60_000, 'SHOAL_TOKEN_LAST_USE_INTERVAL_MS', 100, 3_600_000),
    },
    graphql: {
      maxDepth: int(env.SHOAL_GRAPHQL_MAX_DEPTH, 16, 'SHOAL_GRAPHQL_MAX_DEPTH', 2, 100),
      maxFields: int(env.SHOAL_GRAPHQL_MAX_FIELDS, 1000, 'SHOAL_GRAPHQL_MAX_FIELDS', 10, 100_000),
      maxItems: int(env.SHOAL_GRAPHQL_MAX_ITEMS, 100_000, 'SHOAL_GRAPHQL_MAX_ITEMS', 500, 10_000_000),
      introspection: bool(env.SHOAL_GRAPHQL_INTROSPECTION, true, 'SHOAL_GRAPHQL_INTROSPECTION'),
    },
    metrics: {
      redisUrl: redisUrl(env.SHOAL_REDIS_URL),
      retentionSeconds: int(env.SHOAL_METRICS_RETENTION_S, 3600, 'SHOAL_METRICS_RETENTION_S', 600, 604_800),
      intervalMs: int(env.SHOAL_METRICS_INTERVAL_MS, 5000, 'SHOAL_METRICS_INTERVAL_MS', 500, 3_600_000),
    },
  };
}

function redisUrl(value: string | undefined): string {
  const url = value || 'redis://127.0.0.1:6379';
  if (!/^rediss?:\/\/[^/]/.test(url)) throw new Error('SHOAL_REDIS_URL must be redis://HOST:PORT (or rediss:// for TLS)');
  return url;
}

function adminPassword(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const problem = passwordProblem(value);
  if (problem) throw new Error(`SHOAL_ADMIN_PASSWORD: ${problem}`);
  return value;
}

function raftSettings(env: NodeJS.ProcessEnv): RaftSettings {
  const id = env.SHOAL_RAFT_ID || undefined;
  if (id !== undefined && !MEMBER_ID.test(id)) throw new Error(`SHOAL_RAFT_ID must be 1-32 letters, digits, '-' or '_', got ${JSON.stringify(id)}`);
  const peers = new Map<string, string>();
  for (const item of (env.SHOAL_RAFT_PEERS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([^=]+)=(.+)$/.exec(item);
    if (!m || !MEMBER_ID.test(m[1])) throw new Error(`SHOAL_RAFT_PEERS must be ID=HOST:PORT,... got ${JSON.stringify(item)}`);
    hostPort(m[2], 'SHOAL_RAFT_PEERS');
    if (peers.has(m[1])) throw new Error(`SHOAL_RAFT_PEERS names ${m[1]} twice`);
    peers.set(m[1], m[2]);
  }
  if (peers.size > 0) {
    if (!id || !peers.has(id)) throw new Error('SHOAL_RAFT_ID must be set and be one of SHOAL_RAFT_PEERS');
    if (!env.SHOAL_RAFT_SECRET || env.SHOAL_RAFT_SECRET.length < 16)
      throw new Error('SHOAL_RAFT_SECRET (at least 16 characters, the same on every manager) is required with SHOAL_RAFT_PEERS');
    if (peers.size % 2 === 0) throw new Error(`SHOAL_RAFT_PEERS lists ${peers.size} managers: use an odd number (1, 3, 5) so that a quorum survives a failure`);
  }
  const compactAfter = int(env.SHOAL_RAFT_SNAPSHOT_ENTRIES, 10_000, 'SHOAL_RAFT_SNAPSHOT_ENTRIES', 10, 10_000_000);
  const trailingEntries = int(env.SHOAL_RAFT_TRAILING_ENTRIES, 5_000, 'SHOAL_RAFT_TRAILING_ENTRIES', 0, 10_000_000);
  if (trailingEntries >= compactAfter) throw new Error('SHOAL_RAFT_TRAILING_ENTRIES must be smaller than SHOAL_RAFT_SNAPSHOT_ENTRIES');
  const join = env.SHOAL_RAFT_JOIN || undefined;
  if (join !== undefined) {
    hostPort(join, 'SHOAL_RAFT_JOIN');
    if (peers.size > 0) throw new Error('set either SHOAL_RAFT_PEERS (a new cluster) or SHOAL_RAFT_JOIN (join an existing one), not both');
  }
  return {
    id,
    peers,
    join,
    joinToken: env.SHOAL_JOIN_TOKEN || undefined,
    secret: env.SHOAL_RAFT_SECRET || undefined,
    tickMs: int(env.SHOAL_RAFT_TICK_MS, 100, 'SHOAL_RAFT_TICK_MS', 10, 10_000),
    electionTicks: int(env.SHOAL_RAFT_ELECTION_TICKS, 8, 'SHOAL_RAFT_ELECTION_TICKS', 3, 1000),
    compactAfter,
    trailingEntries,
  };
}

export const MEMBER_ID = /^[A-Za-z0-9_-]{1,32}$/;

const WILDCARD = /^(0\.0\.0\.0|::|)$/;

/** SHOAL_CLUSTER_ADVERTISE_ADDR, or the listen address when it names one host. */
function advertiseAddress(env: NodeJS.ProcessEnv, listenHost: string, listenPort: number): string {
  const given = env.SHOAL_CLUSTER_ADVERTISE_ADDR || undefined;
  if (given === undefined) {
    if (WILDCARD.test(listenHost))
      throw new Error(
        `SHOAL_CLUSTER_ADDR ${listenHost}:${listenPort} listens on every interface: set SHOAL_CLUSTER_ADVERTISE_ADDR to the HOST:PORT other managers and agents reach this manager at`,
      );
    return listenHost.includes(':') ? `[${listenHost}]:${listenPort}` : `${listenHost}:${listenPort}`;
  }
  const [host] = hostPort(given, 'SHOAL_CLUSTER_ADVERTISE_ADDR');
  if (WILDCARD.test(host)) throw new Error(`SHOAL_CLUSTER_ADVERTISE_ADDR must name a host others can reach, not ${JSON.stringify(given)}`);
  return given;
}

function hostPort(value: string, name: string): [string, number] {
  const m = /^(.*):(\d{1,5})$/.exec(value);
  const port = m ? Number(m[2]) : NaN;
  if (!m || !m[1] || port < 0 || port > 65535) throw new Error(`${name} must be HOST:PORT, got ${JSON.stringify(value)}`);
  return [m[1].replace(/^\[(.*)\]$/, '$1'), port];
}

function bool(value: string | undefined, fallback: boolean, name: string): boolean {
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new Error(`${name} must be true or false, got ${JSON.stringify(value)}`);
}

function int(value: string | undefined, fallback: number, name: string, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
}
