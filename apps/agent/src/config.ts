import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

export interface AgentConfig {
  managers: string[];
  joinToken: string;
  stateDir: string;
  hostname: string;
  labels: Record<string, string>;
  resyncPeriodMs: number;
  /** How often the host's CPU and memory use is sent to the manager; 0: never. */
  metricsIntervalMs: number;
  /** The manager on this host (docs/design/node-roles.md). */
  manager: HostManagerConfig;
}

export interface HostManagerConfig {
  /** Its data folder: the agent reports the member id kept there, and a promoted node's manager lives there. */
  dataDir: string;
  /** Where a manager started by promotion listens (its SHOAL_API_ADDR and SHOAL_CLUSTER_ADDR). */
  apiAddr: string;
  clusterAddr: string;
  /** Its SHOAL_CLUSTER_ADVERTISE_ADDR, when the cluster address listens on every interface. */
  advertiseAddr?: string;
  /** The manager's entry point. */
  main: string;
}

/** Agent settings from the environment; a missing or malformed one is a clear error. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AgentConfig {
  const joinToken = env.SHOAL_JOIN_TOKEN ?? '';
  if (!joinToken) throw new Error('SHOAL_JOIN_TOKEN is required: get it with `query { cluster { joinTokens { worker } } }` from a manager');
  const managers = (env.SHOAL_MANAGERS ?? env.SHOAL_MANAGER ?? '127.0.0.1:4001')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const labels: Record<string, string> = {};
  for (const pair of (env.SHOAL_NODE_LABELS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const i = pair.indexOf('=');
    if (i <= 0) throw new Error(`SHOAL_NODE_LABELS: ${JSON.stringify(pair)} is not KEY=VALUE`);
    labels[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return {
    managers,
    joinToken,
    stateDir: resolve(env.SHOAL_STATE_DIR ?? '.shoal/agent'),
    hostname: env.SHOAL_HOSTNAME || hostname(),
    labels,
    resyncPeriodMs: 10_000,
    metricsIntervalMs: metricsInterval(env.SHOAL_METRICS_INTERVAL_MS),
    manager: {
      dataDir: resolve(env.SHOAL_AGENT_MANAGER_DATA ?? join(env.SHOAL_STATE_DIR ?? '.shoal/agent', 'manager')),
      apiAddr: addr(env.SHOAL_AGENT_MANAGER_API_ADDR ?? '127.0.0.1:4000', 'SHOAL_AGENT_MANAGER_API_ADDR'),
      clusterAddr: addr(env.SHOAL_AGENT_MANAGER_CLUSTER_ADDR ?? '127.0.0.1:4001', 'SHOAL_AGENT_MANAGER_CLUSTER_ADDR'),
      advertiseAddr: env.SHOAL_AGENT_MANAGER_ADVERTISE_ADDR ? addr(env.SHOAL_AGENT_MANAGER_ADVERTISE_ADDR, 'SHOAL_AGENT_MANAGER_ADVERTISE_ADDR') : undefined,
      main: resolve(env.SHOAL_AGENT_MANAGER_MAIN ?? resolve(__dirname, '../../manager/dist/main.js')),
    },
  };
}

function metricsInterval(value: string | undefined): number {
  if (value === undefined || value === '') return 5000;
  const n = Number(value);
  if (!Number.isInteger(n) || (n !== 0 && (n < 500 || n > 3_600_000)))
    throw new Error(`SHOAL_METRICS_INTERVAL_MS must be 0 (off) or an integer from 500 to 3600000, got ${JSON.stringify(value)}`);
  return n;
}

function addr(value: string, name: string): string {
  if (!/^[^\s]+:\d{1,5}$/.test(value)) throw new Error(`${name} must be HOST:PORT, got ${JSON.stringify(value)}`);
  return value;
}
