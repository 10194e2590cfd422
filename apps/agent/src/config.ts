import { hostname } from 'node:os';
import { resolve } from 'node:path';

export interface AgentConfig {
  managers: string[];
  joinToken: string;
  stateDir: string;
  hostname: string;
  labels: Record<string, string>;
  resyncPeriodMs: number;
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
  };
}
