import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CliError, EXIT } from './errors';

export interface Context {
  url: string;
  /** An API token; never printed. */
  token?: string;
  /** The token's id when `shoal login` created it, so `logout` can revoke it. */
  tokenId?: string;
  /** Who `shoal login` logged in as. */
  username?: string;
}

export interface Config {
  current?: string;
  contexts: Record<string, Context>;
}

export const DEFAULT_URL = 'http://127.0.0.1:4000/graphql';

export const configDir = (): string => process.env.SHOAL_CONFIG_DIR ?? join(homedir(), '.shoal');
const configFile = (): string => join(configDir(), 'config.json');

export function loadConfig(): Config {
  const file = configFile();
  if (!existsSync(file)) return { contexts: {} };
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as Partial<Config>;
    return { current: c.current, contexts: c.contexts ?? {} };
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
  }
}

/** Written to a temporary file and renamed, 0600 from the start: it holds tokens. */
export function saveConfig(config: Config): void {
  const dir = configDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${configFile()}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, configFile());
}

export interface Target {
  /** The context's name; undefined when nothing is configured. */
  context?: string;
  url: string;
  token?: string;
}

/**
 * Where commands go: `--context NAME` exactly as stored; otherwise the current context
 * with SHOAL_URL and SHOAL_TOKEN overriding its fields; otherwise the local cluster
 * `npm start` runs, with the admin token it wrote to .shoal/admin-token.
 */
export function resolveTarget(explicit: string | undefined, config = loadConfig()): Target {
  if (explicit !== undefined) {
    const c = config.contexts[explicit];
    if (!c) throw new CliError(`no such context: ${explicit}`, EXIT.NOT_FOUND);
    return { context: explicit, url: c.url, token: c.token };
  }
  const name = config.current && config.contexts[config.current] ? config.current : undefined;
  const c = name ? config.contexts[name] : undefined;
  const localToken = existsSync('.shoal/admin-token') ? readFileSync('.shoal/admin-token', 'utf8').trim() : undefined;
  return {
    context: name,
    url: process.env.SHOAL_URL ?? c?.url ?? DEFAULT_URL,
    token: process.env.SHOAL_TOKEN ?? (c ? c.token : localToken),
  };
}
