import { closeSync, fstatSync, fsync, fsyncSync, ftruncateSync, mkdirSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { ConfState, Entry, HardState, LogOffset, Persisted } from '@shoal/raft';

const HEADER = 9; // length u32 LE | crc32 u32 LE | type u8
const TYPE_ENTRY = 1;
const TYPE_HARD_STATE = 2;
/** The log starts after this index (the entries before it are in a snapshot). */
const TYPE_OFFSET = 3;
const MAX_RECORD = 64 * 1024 * 1024;

export class WalCorruptError extends Error {}

export interface WalRecovery extends Persisted {
  offset: LogOffset;
  /** Bytes of a torn or corrupt tail that were cut off on open (0 when clean). */
  truncatedBytes: number;
}

/**
 * The Raft write-ahead log: one append-only file of records, each
 * `[length][crc32][type][payload]` with the CRC over type and payload. Entry records
 * whose index is at or below the last one replace the log from there (a follower's
 * conflict truncation is just a write). On open, a torn or corrupt *last* record (a
 * crash in mid-write) is cut off and reported; damage followed by more data is refused,
 * never skipped. `save` writes a Ready's hard state and entries; with `sync` it fsyncs
 * before returning, so callers batch several Readies into one fsync. `rewrite` replaces
 * the file atomically by a compacted log (an offset record, the entries after it, the
 * hard state): compaction, and a follower's log reset when it installs a snapshot.
 */
export class Wal {
  private constructor(
    private readonly dir: string,
    private fd: number,
    private size: number,
  ) {}

  static open(dir: string): { wal: Wal; recovered: WalRecovery } {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const fd = openSync(join(dir, 'wal.log'), 'a+', 0o600);
    const { recovered, validBytes, fileBytes } = read(fd);
    if (validBytes < fileBytes) {
      ftruncateSync(fd, validBytes);
      fsyncSync(fd);
    }
    return { wal: new Wal(dir, fd, validBytes), recovered: { ...recovered, truncatedBytes: fileBytes - validBytes } };
  }

  /**
   * Replaces the log by `entries` following `offset`, with `hardState`: written to a new
   * file, fsynced, renamed over the old one and the folder fsynced, so a crash leaves
   * either the old log or the new one.
   */
  rewrite(offset: LogOffset, hardState: HardState, entries: readonly Entry[]): void {
    if (entries.length > 0 && entries[0].index !== offset.index + 1) throw new Error(`entries start at ${entries[0].index}, not after offset ${offset.index}`);
    const tmp = join(this.dir, 'wal.log.tmp');
    const fd = openSync(tmp, 'w', 0o600);
    const head = record(TYPE_OFFSET, JSON.stringify(offset.conf ? [offset.index, offset.term, offset.conf] : [offset.index, offset.term]));
    const buf = Buffer.concat([head, ...entries.map(entryRecord), hardStateRecord(hardState)]);
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, join(this.dir, 'wal.log'));
    const dirFd = openSync(this.dir, 'r');
    fsyncSync(dirFd);
    closeSync(dirFd);
    closeSync(this.fd);
    this.fd = openSync(join(this.dir, 'wal.log'), 'a+', 0o600);
    this.size = buf.length;
  }

  save(hardState: HardState | undefined, entries: readonly Entry[], sync: boolean): void {
    const parts: Buffer[] = [];
    for (const e of entries) parts.push(entryRecord(e));
    if (hardState) parts.push(hardStateRecord(hardState));
    if (parts.length > 0) {
      const buf = Buffer.concat(parts);
      let off = 0;
      while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
      this.size += buf.length;
    }
    if (sync) fsyncSync(this.fd);
  }

  sync(): void {
    fsyncSync(this.fd);
  }

  /** fsync off the event loop (libuv's thread pool): other work, such as new proposals, goes on meanwhile. */
  syncAsync(): Promise<void> {
    const fd = this.fd;
    return new Promise((resolve, reject) => fsync(fd, (err) => (err ? reject(err) : resolve())));
  }

  get bytes(): number {
    return this.size;
  }

  close(): void {
    closeSync(this.fd);
  }
}

const entryRecord = (e: Entry): Buffer => record(TYPE_ENTRY, JSON.stringify(e.conf ? [e.term, e.index, e.data, e.conf] : [e.term, e.index, e.data]));
const hardStateRecord = (h: HardState): Buffer => record(TYPE_HARD_STATE, JSON.stringify([h.term, h.vote, h.commit]));

function record(type: number, payload: string): Buffer {
  const body = Buffer.from(payload, 'utf8');
  const buf = Buffer.allocUnsafe(HEADER + body.length);
  buf.writeUInt32LE(body.length, 0);
  buf[8] = type;
  body.copy(buf, HEADER);
  buf.writeUInt32LE(crc32(buf.subarray(8)), 4);
  return buf;
}

function read(fd: number): { recovered: Persisted & { offset: LogOffset }; validBytes: number; fileBytes: number } {
  const fileBytes = fstatSync(fd).size;
  const data = Buffer.alloc(fileBytes);
  let got = 0;
  while (got < fileBytes) got += readSync(fd, data, got, fileBytes - got, got);

  const entries: Entry[] = [];
  let hardState: HardState = { term: 0, vote: null, commit: 0 };
  let offset: LogOffset = { index: 0, term: 0 };
  let off = 0;
  while (off < fileBytes) {
    const bad = (why: string): never => {
      throw new WalCorruptError(`WAL record at byte ${off} is ${why} and is followed by more data: refusing to start on a damaged log`);
    };
    if (fileBytes - off < HEADER) break; // torn header at the tail
    const length = data.readUInt32LE(off);
    const end = off + HEADER + length;
    if (length === 0 && data.subarray(off).every((b) => b === 0)) break; // zero-filled tail
    if (length > MAX_RECORD) {
      if (fileBytes - off <= HEADER + MAX_RECORD) break;
      bad('impossibly long');
    }
    if (end > fileBytes) break; // torn record at the tail
    const crc = data.readUInt32LE(off + 4);
    if (crc32(data.subarray(off + 8, end)) !== crc) {
      if (end === fileBytes) break; // the last record was torn mid-write
      bad('corrupt (CRC mismatch)');
    }
    const payload = JSON.parse(data.toString('utf8', off + HEADER, end)) as unknown[];
    if (data[off + 8] === TYPE_ENTRY) {
      const [term, index, value, conf] = payload as [number, number, string | null, ConfState | undefined];
      const last = offset.index + entries.length;
      if (index > last + 1) bad(`an entry at index ${index} after ${last}`);
      if (index <= offset.index) bad(`an entry at index ${index} inside the compacted log (offset ${offset.index})`);
      entries.length = index - offset.index - 1;
      entries.push(conf ? { term, index, data: value, conf } : { term, index, data: value });
    } else if (data[off + 8] === TYPE_HARD_STATE) {
      const [term, vote, commit] = payload as [number, string | null, number];
      hardState = { term, vote, commit };
    } else if (data[off + 8] === TYPE_OFFSET) {
      if (off !== 0) bad('an offset record that is not the first');
      const [index, term, conf] = payload as [number, number, ConfState | undefined];
      offset = conf ? { index, term, conf } : { index, term };
    } else {
      bad(`of unknown type ${data[off + 8]}`);
    }
    off = end;
  }
  return { recovered: { hardState, entries, offset }, validBytes: off, fileBytes };
}
