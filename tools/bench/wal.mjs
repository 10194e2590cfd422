#!/usr/bin/env node
// bench:wal — the Raft WAL's record encoding, measured: the JSON records Shoal writes
// ([term, index, data], data being a store entry that is itself JSON) against a binary
// layout (term and index as u32, data as raw UTF-8), for encoding alone and for
// encoding + write + fsync in batches of 64 entries (group commit). Prints both.
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

const N = 20_000;
const BATCH = 64;
// A typical entry: a task's status patch as the dispatcher proposes it.
const payload = (i) =>
  JSON.stringify({
    id: `b0c4f1-${i}`,
    term: 7,
    actions: [
      {
        op: 'patch',
        kind: 'task',
        id: `t${i}xk2m9q1`,
        fields: { status: { state: 'RUNNING', message: 'started', containerId: 'f'.repeat(64), timestamp: new Date(0).toISOString() } },
      },
    ],
    at: new Date(0).toISOString(),
  });
const entries = Array.from({ length: N }, (_, i) => ({ term: 7, index: i + 1, data: payload(i) }));

const frame = (type, body) => {
  const buf = Buffer.allocUnsafe(9 + body.length);
  buf.writeUInt32LE(body.length, 0);
  buf[8] = type;
  body.copy(buf, 9);
  buf.writeUInt32LE(crc32(buf.subarray(8)), 4);
  return buf;
};
const json = (e) => frame(1, Buffer.from(JSON.stringify([e.term, e.index, e.data]), 'utf8'));
const binary = (e) => {
  const data = Buffer.from(e.data, 'utf8');
  const body = Buffer.allocUnsafe(8 + data.length);
  body.writeUInt32LE(e.term, 0);
  body.writeUInt32LE(e.index, 4);
  data.copy(body, 8);
  return frame(1, body);
};

function run(name, encode) {
  let t = performance.now();
  let bytes = 0;
  for (const e of entries) bytes += encode(e).length;
  const encodeMs = performance.now() - t;
  const dir = mkdtempSync(join(tmpdir(), 'bench-wal-'));
  const fd = openSync(join(dir, 'wal.log'), 'a');
  t = performance.now();
  for (let i = 0; i < N; i += BATCH) {
    const buf = Buffer.concat(entries.slice(i, i + BATCH).map(encode));
    writeSync(fd, buf);
    fsyncSync(fd);
  }
  const totalMs = performance.now() - t;
  closeSync(fd);
  rmSync(dir, { recursive: true, force: true });
  console.log(
    `${name.padEnd(8)} ${(bytes / N).toFixed(0).padStart(5)} B/entry   encode ${((encodeMs * 1000) / N).toFixed(2)} µs/entry   encode+write+fsync ${((totalMs * 1000) / N).toFixed(1)} µs/entry (${(N / (totalMs / 1000)).toFixed(0)} entries/s)`,
  );
}

console.log(`bench:wal — ${N} entries, fsync every ${BATCH}`);
for (let round = 0; round < 2; round++) {
  run('json', json);
  run('binary', binary);
}
