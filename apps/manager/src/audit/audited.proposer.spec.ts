import { StoreFixture } from '../testing/store.fixture';
import type { AuditObject } from '../store/objects';
import { PendingAudit, auditContext } from './audit.context';
import { AuditedProposer } from './audited.proposer';

const pending = (): PendingAudit => ({
  actor: { kind: 'USER', name: 'ann' },
  operation: 'scaleService',
  arguments: '{"id":"web"}',
  attached: false,
  committed: false,
  closed: false,
  skip: false,
});

describe('AuditedProposer', () => {
  let f: StoreFixture;
  let proposer: AuditedProposer;
  beforeEach(async () => {
    f = await StoreFixture.open();
    proposer = new AuditedProposer(f.proposer);
    await f.service('web');
  });
  afterEach(() => f.close());

  it("puts a mutation's audit record in the entry of its first change, and only there", async () => {
    const p = pending();
    const [first, second] = await auditContext.run(p, async () => [
      await proposer.propose([{ op: 'patch', kind: 'service', id: 'web', fields: { spec: { name: 'web', image: 'busybox:1', replicas: 2 } } }]),
      await proposer.propose([{ op: 'patch', kind: 'service', id: 'web', fields: { spec: { name: 'web', image: 'busybox:1', replicas: 3 } } }]),
    ]);
    expect(first.changes.map((c) => c.kind).sort()).toEqual(['audit', 'service']);
    expect(second.changes.map((c) => c.kind)).toEqual(['service']);
    expect(p.committed).toBe(true);
    const records = f.store.auditRecords();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject<Partial<AuditObject>>({
      operation: 'scaleService',
      result: 'OK',
      actor: { kind: 'USER', name: 'ann' },
      version: first.index,
    });
  });

  it('writes no record with a change that fails, and none outside a mutation', async () => {
    const p = pending();
    await expect(auditContext.run(p, () => proposer.propose([{ op: 'remove', kind: 'service', id: 'nope' }]))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(p.committed).toBe(false);
    await proposer.propose([{ op: 'patch', kind: 'service', id: 'web', fields: { spec: { name: 'web', image: 'busybox:1', replicas: 4 } } }]);
    expect(f.store.auditRecords()).toEqual([]);
  });
});
