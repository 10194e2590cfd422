import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { MANAGER_FOLDER } from '@shoal/protocol';

/**
 * This manager's Raft member id, fixed at its first start and kept in the data folder:
 * a member that came back under another name would vote twice. SHOAL_RAFT_ID names it
 * on the first start and must match afterwards. A member the cluster removed (its node's
 * agent writes `removed-member`) refuses to start.
 */
export function memberId(dir: string, configured: string | undefined): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, MANAGER_FOLDER.memberId);
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    const removed = join(dir, MANAGER_FOLDER.removedMember);
    if (existsSync(removed) && readFileSync(removed, 'utf8').trim() === kept) {
      throw new Error(
        `Raft member ${JSON.stringify(kept)} of this data folder (${dir}) was removed from the cluster (demoted): it cannot come back under that id; move the folder away to join again`,
      );
    }
    if (configured !== undefined && configured !== kept) {
      throw new Error(`this data folder belongs to Raft member ${JSON.stringify(kept)}, not ${JSON.stringify(configured)} (SHOAL_RAFT_ID)`);
    }
    return kept;
  }
  const id = configured ?? `m-${randomBytes(4).toString('hex')}`;
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  writeSync(fd, `${id}\n`);
  fsyncSync(fd);
  closeSync(fd);
  renameSync(tmp, file);
  const dirFd = openSync(dir, 'r');
  fsyncSync(dirFd);
  closeSync(dirFd);
  return id;
}
