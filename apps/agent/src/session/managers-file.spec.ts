import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManagersFile } from './managers-file';

describe('ManagersFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shoal-agent-state-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the list across restarts, privately, and says when it changed', () => {
    const file = new ManagersFile(dir);
    expect(file.list()).toEqual([]);
    expect(file.update(['10.0.0.2:4001', '10.0.0.1:4001'])).toBe(true);
    expect(file.update(['10.0.0.2:4001', '10.0.0.1:4001'])).toBe(false);
    expect(new ManagersFile(dir).list()).toEqual(['10.0.0.2:4001', '10.0.0.1:4001']);
    expect(statSync(join(dir, 'managers.json')).mode & 0o777).toBe(0o600);
  });

  it('drops wildcard addresses no agent can dial, and never keeps an empty list', () => {
    const file = new ManagersFile(dir);
    expect(file.update(['0.0.0.0:4001', '10.0.0.1:4001'])).toBe(true);
    expect(file.list()).toEqual(['10.0.0.1:4001']);
    expect(file.update(['0.0.0.0:4001'])).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'managers.json'), 'utf8'))).toEqual(['10.0.0.1:4001']);
  });
});
