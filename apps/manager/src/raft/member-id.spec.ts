import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memberId } from './member-id';

describe('memberId', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shoal-manager-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is fixed at the first start: the configured one, then kept, and a different one refused', () => {
    expect(memberId(dir, 'm1')).toBe('m1');
    expect(memberId(dir, undefined)).toBe('m1');
    expect(() => memberId(dir, 'm2')).toThrow('this data folder belongs to Raft member "m1", not "m2" (SHOAL_RAFT_ID)');
  });

  it('refuses to start a member the cluster removed, and only that one', () => {
    memberId(dir, 'm1');
    writeFileSync(join(dir, 'removed-member'), 'm0\n');
    expect(memberId(dir, undefined)).toBe('m1'); // another member's marker: not this one
    writeFileSync(join(dir, 'removed-member'), 'm1\n');
    expect(() => memberId(dir, undefined)).toThrow(/Raft member "m1" of this data folder .* was removed from the cluster \(demoted\)/);
  });
});
