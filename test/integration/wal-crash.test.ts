import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Wal } from '@shoal/raft-storage';
import { REPO_ROOT, sleep } from '@shoal/testing';

// A writer process: recovers the WAL, then appends batches and prints each index once fsynced.
const WRITER = `
const { Wal } = require('@shoal/raft-storage');
const { wal, recovered } = Wal.open(process.argv[1]);
let next = recovered.entries.length + 1;
for (;;) {
  const batch = [];
  for (let i = 0; i < 1 + Math.floor(Math.random() * 20); i++) batch.push({ term: 1, index: next + i, data: 'v' + (next + i) + 'x'.repeat(Math.floor(Math.random() * 300)) });
  wal.save({ term: 1, vote: null, commit: next - 1 }, batch, true);
  next += batch.length;
  process.stdout.write('ack ' + (next - 1) + '\\n');
}
`;

describe('the write-ahead log under kill -9', () => {
  it('loses nothing acknowledged over 20 SIGKILLs at random points', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shoal-wal-crash-'));
    try {
      let acked = 0;
      for (let round = 0; round < 20; round++) {
        const child = spawn(process.execPath, ['-e', WRITER, dir], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
        let partial = '';
        child.stdout.on('data', (b: Buffer) => {
          const lines = (partial + b.toString()).split('\n');
          partial = lines.pop()!; // an unfinished line is not an acknowledgement yet
          const last = lines.at(-1);
          if (last?.startsWith('ack ')) acked = Math.max(acked, Number(last.slice(4)));
        });
        const exited = new Promise((resolve) => child.once('exit', resolve));
        await sleep(100 + Math.floor(Math.random() * 300));
        child.kill('SIGKILL');
        await exited;

        const { wal, recovered } = Wal.open(dir);
        wal.close();
        expect(recovered.entries.length).toBeGreaterThanOrEqual(acked);
        const broken = recovered.entries.findIndex((e, i) => e.index !== i + 1 || (!e.data?.startsWith(`v${i + 1}x`) && e.data !== `v${i + 1}`));
        expect(broken).toBe(-1);
      }
      expect(acked).toBeGreaterThan(100);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
