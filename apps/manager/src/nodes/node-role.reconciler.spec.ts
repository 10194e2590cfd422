import type { ManagerMessage } from '@shoal/protocol';
import { waitFor } from '@shoal/testing';
import { ShoalError } from '../common/errors';
import { Dispatcher } from '../dispatcher/dispatcher';
import type { RaftHost } from '../raft/raft-host';
import { StoreFixture } from '../testing/store.fixture';
import { NodeRoleReconciler, ROLE_RESEND_MS } from './node-role.reconciler';

describe('NodeRoleReconciler', () => {
  let f: StoreFixture;
  let d: Dispatcher;
  let r: NodeRoleReconciler;
  let sent: ManagerMessage[];
  let clock: number;
  beforeEach(async () => {
    f = await StoreFixture.open();
    await f.cluster();
    await f.proposer.propose([{ op: 'patch', kind: 'cluster', id: 'cluster1', fields: { managerJoinToken: 'SHOALTKN-1-Msecret' } }]);
    d = new Dispatcher(f.store, f.proposer);
    r = new NodeRoleReconciler(f.store, f.proposer, f.raft, d);
    clock = 1_000_000;
    r.now = () => clock;
    sent = [];
  });
  afterEach(() => f.close());
  const connect = (nodeId: string) => d.attach(nodeId, { send: (m) => sent.push(m), close: () => undefined });
  const reportMember = (id: string, memberId: string | undefined) =>
    f.proposer.propose([{ op: 'patch', kind: 'node', id, fields: { description: { ...f.store.node(id)!.description, managerMemberId: memberId } } }]);
  const want = (id: string, desiredRole: 'MANAGER' | 'WORKER') => f.proposer.propose([{ op: 'patch', kind: 'node', id, fields: { desiredRole } }]);
  const message = (id: string) => f.store.node(id)!.roleMessage;

  it('keeps the stored role equal to Raft membership and says nothing when the roles agree', async () => {
    await f.node('n1');
    await reportMember('n1', 'm1');
    await r.run();
    expect(f.store.node('n1')!.role).toBe('MANAGER');
    expect(message('n1') ?? null).toBeNull();
    const index = f.store.appliedIndex;
    await r.run();
    expect(f.store.appliedIndex).toBe(index); // nothing to write
  });

  it('promotes: waits for a session, sends startManager with the join token to that node, again only after a while', async () => {
    await f.node('n2');
    await want('n2', 'MANAGER');
    await r.run();
    expect(message('n2')).toMatch(/waiting for the node's agent to connect/);
    expect(sent).toEqual([]);

    connect('n2');
    sent = [];
    await r.run();
    expect(sent).toEqual([{ type: 'startManager', join: ['127.0.0.1:0'], joinToken: 'SHOALTKN-1-Msecret' }]);
    expect(message('n2')).toMatch(/starting a manager/);
    expect(f.store.node('n2')!.roleMessage).not.toMatch(/SHOALTKN/);
    await r.run();
    expect(sent).toHaveLength(1); // not yet due again
    clock += ROLE_RESEND_MS;
    await r.run();
    expect(sent).toHaveLength(2); // level-triggered: a lost or failed start is sent again
  });

  it('demotes a member: removes it from Raft, then has its agent stop it until it reports no member', async () => {
    await f.node('n1');
    await reportMember('n1', 'm1');
    await f.node('n2');
    connect('n2');
    f.raft.proposeConfChange({ type: 'addLearner', id: 'm9', address: '127.0.0.1:9' });
    await waitFor('m9 to be a learner', () => f.raft.node.confState().learners.includes('m9'));
    await reportMember('n2', 'm9');
    await r.run();
    expect(message('n2') ?? null).toBeNull(); // joined by hand, never promoted: left alone
    expect(f.raft.node.confState().learners).toContain('m9');
    await want('n2', 'MANAGER');
    await r.run();
    expect(message('n2')).toMatch(/manager m9 joined as a learner: catching up/);
    sent = [];

    await want('n2', 'WORKER');
    await r.run();
    expect(message('n2')).toBe('removing manager m9 from Raft');
    await waitFor('m9 to be removed', () => !f.raft.node.confState().learners.includes('m9'));
    await r.run();
    expect(sent).toEqual([{ type: 'stopManager', memberId: 'm9' }]);
    expect(message('n2')).toMatch(/manager m9 was removed; its agent is stopping it/);

    await reportMember('n2', undefined); // the agent stopped it
    await r.run();
    expect(f.store.node('n2')).toMatchObject({ role: 'WORKER', desiredRole: 'WORKER', roleMessage: null });
  });

  it('waits for a session to stop a removed manager, and never removes the last voter', async () => {
    await f.node('n2');
    await reportMember('n2', 'm9'); // not a member (any more)
    await want('n2', 'WORKER');
    await r.run();
    expect(message('n2')).toMatch(/waiting for the node's agent to reconnect/);

    await f.node('n1');
    await reportMember('n1', 'm1');
    await want('n1', 'WORKER'); // written behind demoteNode's check, e.g. by an older entry
    await r.run();
    expect(message('n1')).toMatch(/cannot demote: it runs the last manager/);
    expect(f.raft.node.confState().voters).toEqual(['m1']);
  });
});

/** Three voters, as the leader m1 sees them: what a single-manager fixture cannot show. */
describe('NodeRoleReconciler with three managers', () => {
  let f: StoreFixture;
  let r: NodeRoleReconciler;
  let clock: number;
  const raft = {
    conf: { voters: ['m1', 'm2', 'm3'], learners: [] as string[] },
    reachable: new Set(['m1', 'm2', 'm3']),
    transfers: [] as string[],
    removed: [] as string[],
    refusal: undefined as string | undefined,
    node: { confState: () => raft.conf },
    status: () => ({ id: 'm1', members: raft.conf.voters.map((id) => ({ id, reachable: raft.reachable.has(id) })) }),
    addresses: () => new Map<string, string>(),
    transferLeadership: (to: string) => raft.transfers.push(to),
    removeMember: (id: string) => {
      if (raft.refusal) throw new ShoalError('CONFLICT', raft.refusal);
      raft.removed.push(id);
    },
  };
  beforeEach(async () => {
    f = await StoreFixture.open();
    await f.cluster();
    r = new NodeRoleReconciler(f.store, f.proposer, raft as unknown as RaftHost, new Dispatcher(f.store, f.proposer));
    clock = 1_000_000;
    r.now = () => clock;
    Object.assign(raft, { transfers: [], removed: [], refusal: undefined, reachable: new Set(['m1', 'm2', 'm3']) });
    for (const [id, memberId] of [
      ['n1', 'm1'],
      ['n2', 'm2'],
      ['n3', 'm3'],
    ]) {
      await f.node(id);
      await f.proposer.propose([{ op: 'patch', kind: 'node', id, fields: { description: { ...f.store.node(id)!.description, managerMemberId: memberId } } }]);
    }
  });
  afterEach(() => f.close());
  const want = (id: string) => f.proposer.propose([{ op: 'patch', kind: 'node', id, fields: { desiredRole: 'WORKER' } }]);

  it("hands leadership to a reachable voter before demoting the leader's own node, not removing it itself", async () => {
    raft.reachable.delete('m2');
    await want('n1');
    await r.run();
    expect(raft.transfers).toEqual(['m3']);
    expect(raft.removed).toEqual([]);
    expect(f.store.node('n1')!.roleMessage).toBe('it runs the leader: handing leadership to m3 first');
    await r.run();
    expect(raft.transfers).toEqual(['m3']); // not again before ROLE_RESEND_MS
    raft.reachable.delete('m3');
    clock += ROLE_RESEND_MS;
    await r.run();
    expect(raft.transfers).toEqual(['m3']);
    expect(f.store.node('n1')!.roleMessage).toMatch(/no other voting manager is reachable/);
  });

  it('removes a follower once allowed, and says why it waits meanwhile', async () => {
    raft.refusal =
      'removing m2 would leave 1 reachable of 2 voters, fewer than their quorum of 2: the cluster would stop; pass force: true to remove it anyway';
    await want('n2');
    await r.run();
    expect(f.store.node('n2')!.roleMessage).toBe(
      'cannot remove manager m2 yet: removing m2 would leave 1 reachable of 2 voters, fewer than their quorum of 2: the cluster would stop',
    );
    expect(raft.removed).toEqual([]);
    raft.refusal = undefined;
    await r.run();
    expect(raft.removed).toEqual(['m2']);
    expect(f.store.node('n2')!.roleMessage).toBe('removing manager m2 from Raft');
  });
});
