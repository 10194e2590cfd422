import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NodeCredentials } from '@shoal/protocol';

/** The node's identity, kept in the agent's state folder (mode 0600) across restarts. */
export class CredentialsFile {
  private readonly path: string;

  constructor(stateDir: string) {
    this.path = join(stateDir, 'node.json');
  }

  read(): NodeCredentials | undefined {
    try {
      const v = JSON.parse(readFileSync(this.path, 'utf8')) as NodeCredentials;
      return typeof v.nodeId === 'string' && typeof v.secret === 'string' ? v : undefined;
    } catch {
      return undefined;
    }
  }

  /** Written atomically and durably: a crash leaves the old file or the new one. */
  write(credentials: NodeCredentials): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(credentials));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
    const dir = openSync(dirname(this.path), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }
}
