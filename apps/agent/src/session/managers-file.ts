import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeDurably } from './durable-file';

/** An address an agent on another host could not dial: a wildcard bind address. */
const UNDIALABLE = /^(0\.0\.0\.0|\[::\]|::)(:\d+)?$/;

/**
 * The managers the leader last named (cluster addresses, the leader first), kept in the
 * agent's state folder: after a restart the agent reaches the cluster even when the
 * managers it was configured with (SHOAL_MANAGERS) are gone.
 */
export class ManagersFile {
  private readonly path: string;
  private known: string[];

  constructor(stateDir: string) {
    this.path = join(stateDir, 'managers.json');
    this.known = this.load();
  }

  list(): string[] {
    return this.known;
  }

  /** Keeps a new list; false when it is the one already kept. */
  update(managers: readonly string[]): boolean {
    const next = managers.filter((m) => typeof m === 'string' && m !== '' && !UNDIALABLE.test(m));
    if (next.length === 0 || next.join() === this.known.join()) return false;
    writeDurably(this.path, JSON.stringify(next));
    this.known = next;
    return true;
  }

  private load(): string[] {
    try {
      const v = JSON.parse(readFileSync(this.path, 'utf8')) as unknown;
      return Array.isArray(v) ? v.filter((m): m is string => typeof m === 'string' && m !== '') : [];
    } catch {
      return [];
    }
  }
}
