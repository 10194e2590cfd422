import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ManagerHandle, REPO_ROOT } from './cluster';

export const CLI_MAIN = join(REPO_ROOT, 'apps/cli/dist/main.js');

/** Runs the built `shoal` CLI against a manager as its admin, with a config folder of its own. */
export function runCli(manager: Pick<ManagerHandle, 'apiUrl' | 'token'>, args: string[]): { code: number | null; out: string; err: string } {
  const home = mkdtempSync(join(tmpdir(), 'shoal-cli-'));
  try {
    const r = spawnSync(process.execPath, [CLI_MAIN, ...args], {
      cwd: home,
      env: { ...process.env, SHOAL_URL: manager.apiUrl, SHOAL_TOKEN: manager.token, SHOAL_CONFIG_DIR: home },
      encoding: 'utf8',
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
