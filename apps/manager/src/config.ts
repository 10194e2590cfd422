import { resolve } from 'node:path';

/** Manager settings, from the environment (docs/configuration.md lists them all). */
export interface ManagerConfig {
  dataDir: string;
  /** GraphQL API and console: host and port. */
  apiHost: string;
  apiPort: number;
  /** Agent sessions (and, later, manager peers). */
  clusterHost: string;
  clusterPort: number;
  /** When set, this token is an admin token (bootstrap); never logged. */
  adminToken?: string;
  consoleDir: string;
  /** Initial cluster settings (only used when the cluster is created). */
  heartbeatPeriodMs: number;
  heartbeatGrace: number;
  taskHistoryLimit: number;
  restartDelayMs: number;
}

export const MANAGER_CONFIG = Symbol('MANAGER_CONFIG');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ManagerConfig {
  const [apiHost, apiPort] = hostPort(env.SHOAL_API_ADDR ?? '127.0.0.1:4000', 'SHOAL_API_ADDR');
  const [clusterHost, clusterPort] = hostPort(env.SHOAL_CLUSTER_ADDR ?? '127.0.0.1:4001', 'SHOAL_CLUSTER_ADDR');
  return {
    dataDir: resolve(env.SHOAL_DATA_DIR ?? '.shoal/manager'),
    apiHost,
    apiPort,
    clusterHost,
    clusterPort,
    adminToken: env.SHOAL_ADMIN_TOKEN || undefined,
    consoleDir: resolve(env.SHOAL_CONSOLE_DIR ?? resolve(__dirname, '../../console/public')),
    heartbeatPeriodMs: int(env.SHOAL_HEARTBEAT_PERIOD_MS, 1000, 'SHOAL_HEARTBEAT_PERIOD_MS', 100, 60_000),
    heartbeatGrace: int(env.SHOAL_HEARTBEAT_GRACE, 3, 'SHOAL_HEARTBEAT_GRACE', 2, 100),
    restartDelayMs: int(env.SHOAL_RESTART_DELAY_MS, 1000, 'SHOAL_RESTART_DELAY_MS', 0, 3_600_000),
    taskHistoryLimit: int(env.SHOAL_TASK_HISTORY_LIMIT, 5, 'SHOAL_TASK_HISTORY_LIMIT', 1, 100),
  };
}

function hostPort(value: string, name: string): [string, number] {
  const m = /^(.*):(\d{1,5})$/.exec(value);
  const port = m ? Number(m[2]) : NaN;
  if (!m || !m[1] || port < 0 || port > 65535) throw new Error(`${name} must be HOST:PORT, got ${JSON.stringify(value)}`);
  return [m[1].replace(/^\[(.*)\]$/, '$1'), port];
}

function int(value: string | undefined, fallback: number, name: string, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
}
