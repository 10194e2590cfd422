import { hostname } from 'node:os';
import { resolve } from 'node:path';

export interface AgentConfig {
  managers: string[];
  joinToken: string;
  stateDir: string;
  hostname: string;
  labels: Record<string, string>;
  resyncPeriodMs: number;
  /** How often the host's CPU and memory use is sent to the manager; 0: never. */
  metricsIntervalMs: number;
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
  };
}

function metricsInterval(value: string | undefined): number {
  if (value === undefined || value === '') return 5000;
  const n = Number(value);
  if (!Number.isInteger(n) || (n !== 0 && (n < 500 || n > 3_600_000)))
    throw new Error(`SHOAL_METRICS_INTERVAL_MS must be 0 (off) or an integer from 500 to 3600000, got ${JSON.stringify(value)}`);
  return n;
}
