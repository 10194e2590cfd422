import { DesiredState, ManagerMessage, TaskState } from '@shoal/protocol';
import { Dispatcher } from '../dispatcher/dispatcher';
import { StoreFixture } from '../testing/store.fixture';
import { NodeMembershipService } from './node-membership.service';

const T = '2026-01-01T00:00:00.000Z';
const down = { state: 'DOWN' as const, message: 'heartbeat failure', addr: '', timestamp: T };

describe('NodeMembershipService', () => {
  let f: StoreFixture;
  let d: Dispatcher;
  let s: NodeMembershipService;
  let sent: ManagerMessage[];
  beforeEach(async () => {
    f = await StoreFixture.open();
    await f.cluster();
    await f.proposer.propose([{ op: 'patch', kind: 'cluster', id: 'cluster1', fields: { managerJoinToken: 'SHOALTKN-1-Msecret' } }]);
    d = new Dispatcher(f.store, f.proposer);
    s = new NodeMembershipService(f.store, f.proposer, f.raft);
    sent = [];
  });
  afterEach(() => f.close());
  const connect = (nodeId: string) => d.attach(nodeId, { send: (m) => sent.push(m), close: () => undefined });
  const withManager = (id: string) => ({ ...f.store.node(id)!.description, managerMemberId: id === 'n1' ? 'm1' : 'm9' });

  it('removes a node and orphans its unfinished tasks in the same entry; refuses a ready node without force', async () => {
    await f.node('n1');
    await f.node('n2', { status: down });
    await f.task({ id: 'run', serviceId: 'web', nodeId: 'n2', status: { state: TaskState.RUNNING, message: 'started', timestamp: T } });
    await f.task({ id: 'done', serviceId: 'web', nodeId: 'n2', slot: 2, status: { state: TaskState.COMPLETE, message: 'exit 0', timestamp: T } });
    const index = f.store.appliedIndex;
    await expect(s.remove('n1', false)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/is READY and cannot be removed/) });
    await expect(s.remove('nope', false)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(f.store.appliedIndex).toBe(index);

    await s.remove('n2', false);
    expect(f.store.node('n2')).toBeUndefined();
    const orphan = f.store.task('run')!;
    expect(orphan).toMatchObject({ desiredState: DesiredState.SHUTDOWN, status: { state: TaskState.ORPHANED, message: 'node removed' } });
    expect(orphan.version).toBe(f.store.appliedIndex);
    expect(f.store.task('done')!.status.state).toBe(TaskState.COMPLETE);
    await s.remove('n1', true);
    expect(f.store.nodes()).toEqual([]);
  });

  it("refuses to remove or demote the last manager's node, with nothing written", async () => {
    await f.node('n1');
    await f.proposer.propose([{ op: 'patch', kind: 'node', id: 'n1', fields: { description: withManager('n1') } }]);
    await f.node('n2');
    await s.promote('n2'); // wanted, but not a voter yet: does not count
    const index = f.store.appliedIndex;
    await expect(s.remove('n1', true)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/runs manager m1, a Raft voter: demote it first/),
    });
    await expect(s.demote('n1')).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/runs the last manager/) });
    expect(f.store.appliedIndex).toBe(index);
    expect(f.store.node('n1')!.desiredRole).toBeUndefined();
  });

  it('records the desired role and sends nothing itself; asking again writes nothing', async () => {
    await f.node('n1');
    await f.proposer.propose([{ op: 'patch', kind: 'node', id: 'n1', fields: { description: withManager('n1') } }]);
    await f.node('n2');
    await f.node('n3', { status: down });
    connect('n2');
    sent = [];
    expect(await s.promote('n2')).toMatchObject({ desiredRole: 'MANAGER', roleMessage: 'promotion requested' });
    expect(sent).toEqual([]);
    const index = f.store.appliedIndex;
    await s.promote('n2');
    await s.promote('n1'); // a manager already
    await s.demote('n3'); // a worker already
    expect(f.store.appliedIndex).toBe(index);
    await expect(s.promote('n3')).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/is DOWN: only a READY node can be promoted/) });
    await expect(s.promote('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });

    expect(await s.demote('n2')).toMatchObject({ desiredRole: 'WORKER', roleMessage: 'demotion requested' });
    expect(sent).toEqual([]);
  });
});
