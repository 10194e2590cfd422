import type { ManagerConfig } from '../config';
import { StoreFixture } from '../testing/store.fixture';
import { AuditPruner } from './audit.pruner';

describe('AuditPruner', () => {
  let f: StoreFixture;
  beforeEach(async () => {
    f = await StoreFixture.open();
  });
  afterEach(() => f.close());

  async function record(id: string, createdAt: string): Promise<void> {
    await f.proposer.propose([
      { op: 'create', kind: 'audit', object: { id, createdAt, actor: { kind: 'USER', name: 'ann' }, operation: 'x', arguments: '{}', result: 'OK' } },
    ]);
  }

  const pruner = (records: number, days: number) => {
    const p = new AuditPruner(f.store, f.proposer, { access: { auditRetentionRecords: records, auditRetentionDays: days } } as ManagerConfig);
    p.clock = () => Date.parse('2026-03-01T00:00:00Z');
    return p;
  };

  it('keeps the newest N records', async () => {
    for (const id of ['a', 'b', 'c', 'd']) await record(id, '2026-02-28T00:00:00.000Z');
    const p = pruner(2, 30);
    expect(p.overCount()).toBe(true);
    await p.run();
    expect(f.store.auditRecords().map((r) => r.id)).toEqual(['c', 'd']);
    expect(p.overCount()).toBe(false);
  });

  it('drops records older than D days', async () => {
    await record('old', '2026-01-01T00:00:00.000Z');
    await record('new', '2026-02-28T00:00:00.000Z');
    await pruner(100, 30).run();
    expect(f.store.auditRecords().map((r) => r.id)).toEqual(['new']);
  });
});
