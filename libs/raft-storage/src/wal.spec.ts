import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entry } from '@shoal/raft';
import { Wal, WalCorruptError } from './wal';

const e = (term: number, index: number, data: string | null = `d${index}`): Entry => ({ term, index, data });

describe('Wal', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'shoal-wal-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const file = () => join(dir, 'wal.log');
  const reopen = () => {
    const r = Wal.open(dir);
    r.wal.close();
    return r.recovered;
  };

  it('gives back exactly what was saved: entries and the last hard state', () => {
    const { wal, recovered } = Wal.open(dir);
    expect(recovered).toEqual({ hardState: { term: 0, vote: null, commit: 0 }, entries: [], offset: { index: 0, term: 0 }, truncatedBytes: 0 });
    wal.save({ term: 1, vote: 'a', commit: 0 }, [e(1, 1, null), e(1, 2)], true);
    wal.save({ term: 1, vote: 'a', commit: 2 }, [e(1, 3, 'ünïcode ✓')], true);
    wal.close();
    expect(reopen()).toEqual({
      hardState: { term: 1, vote: 'a', commit: 2 },
      entries: [e(1, 1, null), e(1, 2), e(1, 3, 'ünïcode ✓')],
      offset: { index: 0, term: 0 },
      truncatedBytes: 0,
    });
  });

  it('rewrites a compacted log atomically and keeps appending after it', () => {
    const { wal } = Wal.open(dir);
    wal.save({ term: 2, vote: 'a', commit: 5 }, [e(1, 1), e(1, 2), e(2, 3), e(2, 4), e(2, 5)], true);
    wal.rewrite({ index: 3, term: 2 }, { term: 2, vote: 'a', commit: 5 }, [e(2, 4), e(2, 5)]);
    wal.save({ term: 2, vote: 'a', commit: 6 }, [e(2, 6)], true);
    wal.close();
    expect(reopen()).toEqual({
      hardState: { term: 2, vote: 'a', commit: 6 },
      entries: [e(2, 4), e(2, 5), e(2, 6)],
      offset: { index: 3, term: 2 },
      truncatedBytes: 0,
    });
    // A crash before the rename leaves the old log and a stray temporary file, which is ignored.
    writeFileSync(join(dir, 'wal.log.tmp'), 'half a new log');
    expect(reopen().entries).toEqual([e(2, 4), e(2, 5), e(2, 6)]);
  });

  it('resets to an empty log after a snapshot (a follower installing one)', () => {
    const { wal } = Wal.open(dir);
    wal.save({ term: 1, vote: null, commit: 1 }, [e(1, 1), e(1, 2)], true);
    wal.rewrite({ index: 40, term: 3 }, { term: 3, vote: null, commit: 40 }, []);
    wal.close();
    expect(reopen()).toEqual({ hardState: { term: 3, vote: null, commit: 40 }, entries: [], offset: { index: 40, term: 3 }, truncatedBytes: 0 });
    expect(() => Wal.open(dir).wal.rewrite({ index: 40, term: 3 }, { term: 3, vote: null, commit: 40 }, [e(3, 42)])).toThrow(/not after offset/);
  });

  it('replaces the log from an entry at or below the last index (conflict truncation)', () => {
    const { wal } = Wal.open(dir);
    wal.save(undefined, [e(1, 1), e(1, 2), e(1, 3), e(1, 4)], true);
    wal.save(undefined, [e(2, 3, 'new3')], true);
    wal.close();
    expect(reopen().entries).toEqual([e(1, 1), e(1, 2), e(2, 3, 'new3')]);
  });

  it('cuts a torn last record at every possible point, keeps what came before, and appends after it', () => {
    const { wal } = Wal.open(dir);
    wal.save({ term: 1, vote: null, commit: 1 }, [e(1, 1), e(1, 2)], true);
    const good = statSync(file()).size;
    wal.save(undefined, [e(1, 3, 'x'.repeat(100))], true);
    const full = statSync(file()).size;
    wal.close();
    const bytes = readFileSync(file());
    for (let cut = good + 1; cut < full; cut++) {
      writeFileSync(file(), bytes.subarray(0, cut));
      const r = reopen();
      expect(r.entries).toEqual([e(1, 1), e(1, 2)]);
      expect(r.truncatedBytes).toBe(cut - good);
      expect(statSync(file()).size).toBe(good);
    }
    const again = Wal.open(dir);
    again.wal.save(undefined, [e(1, 3, 'after')], true);
    again.wal.close();
    expect(reopen().entries.map((x) => x.data)).toEqual(['d1', 'd2', 'after']);
  });

  it('drops a last record whose bytes were corrupted', () => {
    const { wal } = Wal.open(dir);
    wal.save(undefined, [e(1, 1), e(1, 2)], true);
    wal.close();
    const bytes = readFileSync(file());
    bytes[bytes.length - 2] ^= 0xff;
    writeFileSync(file(), bytes);
    expect(reopen().entries).toEqual([e(1, 1)]);
  });

  it('refuses to start on damage in the middle of the log instead of skipping it', () => {
    const { wal } = Wal.open(dir);
    wal.save(undefined, [e(1, 1), e(1, 2), e(1, 3)], true);
    wal.close();
    const bytes = readFileSync(file());
    bytes[12] ^= 0xff; // inside the first record's payload
    writeFileSync(file(), bytes);
    expect(() => Wal.open(dir)).toThrow(WalCorruptError);
    expect(readFileSync(file())).toEqual(bytes); // and it changed nothing
  });

  it('treats a zero-filled tail (a crash after the file grew) as the end of the log', () => {
    const { wal } = Wal.open(dir);
    wal.save(undefined, [e(1, 1)], true);
    wal.close();
    appendFileSync(file(), Buffer.alloc(4096));
    const r = reopen();
    expect(r.entries).toEqual([e(1, 1)]);
    expect(r.truncatedBytes).toBe(4096);
  });

  it('is robust to a truncation anywhere in a long log: what it returns is always a prefix', () => {
    const { wal } = Wal.open(dir);
    const all = Array.from({ length: 50 }, (_, i) => e(1, i + 1));
    for (const x of all) wal.save(undefined, [x], false);
    wal.sync();
    wal.close();
    const bytes = readFileSync(file());
    for (let cut = 0; cut < bytes.length; cut += 7) {
      writeFileSync(file(), bytes.subarray(0, cut));
      const got = reopen().entries;
      expect(got).toEqual(all.slice(0, got.length));
    }
    truncateSync(file(), 0);
    expect(reopen().entries).toEqual([]);
  });
});
