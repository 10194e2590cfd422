import type { ManagerMessage } from '@shoal/protocol';
import { waitFor } from '@shoal/testing';
import { Dispatcher } from '../dispatcher/dispatcher';
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
