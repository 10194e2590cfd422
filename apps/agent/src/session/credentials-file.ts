import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NodeCredentials } from '@shoal/protocol';
import { writeDurably } from './durable-file';

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
    writeDurably(this.path, JSON.stringify(credentials));
  }
}
