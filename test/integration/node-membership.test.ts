import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExtraAgent, GraphQLClient, SLEEPER_ARGS, TEST_IMAGE, TestCluster, addAgent, agentProcess, freePort, startCluster, waitFor } from '@shoal/testing';

interface NodeView {
  id: string;
  role: string;
  desiredRole: string;
  roleMessage: string | null;
  managerStatus: { memberId: string; voter: boolean; leader: boolean; reachable: boolean } | null;
}
interface Member {
  id: string;
  role: string;
}

/**
 * Nodes and managers with real processes on the real engine: the node on the manager's
 * host is a MANAGER; promoting another node makes its agent start a manager that joins
 * Raft, demoting stops it; removing a node revokes its credentials and its tasks are
 * replaced on the other node.
 */
describe('node roles and removal', () => {
  let c: TestCluster;
  let b: ExtraAgent;
  let hostManagerData: string;
  beforeAll(async () => {
    c = await startCluster();
    hostManagerData = mkdtempSync(join(tmpdir(), 'shoal-host-manager-'));
    b = await addAgent(c, {
      SHOAL_AGENT_MANAGER_DATA: hostManagerData,
      SHOAL_AGENT_MANAGER_API_ADDR: `127.0.0.1:${await freePort()}`,
      SHOAL_AGENT_MANAGER_CLUSTER_ADDR: `127.0.0.1:${await freePort()}`,
    });
  });
  afterAll(async () => {
    await b?.stop();
    await c?.stop();
    rmSync(hostManagerData, { recursive: true, force: true });
  });

  const node = async (id: string) =>
    (
      await c.api.must<{ node: NodeView | null }>(
        'query($id: ID!) { node(id: $id) { id role desiredRole roleMessage managerStatus { memberId voter leader reachable } } }',
        { id },
      )
    ).node;
  const members = async () =>
    (await c.api.must<{ cluster: { raft: { members: Member[] } } }>('{ cluster { raft { members { id role } } } }')).cluster.raft.members;
  const voters = async () => (await members()).filter((m) => m.role !== 'LEARNER').length;
  const mutate = (op: string, id: string, force?: boolean) =>
    c.api.request(
      `mutation($id: ID!${force === undefined ? '' : ', $force: Boolean!'}) { ${op}(id: $id${force === undefined ? '' : ', force: $force'}) ${op === 'removeNode' ? '' : '{ id }'} }`,
      {
        id,
        ...(force === undefined ? {} : { force }),
      },
    );

  it("shows the manager host's node as MANAGER and refuses to remove or demote the last manager", async () => {
    const manager = await node(c.nodeId);
    expect(manager).toMatchObject({ role: 'MANAGER', managerStatus: { voter: true, leader: true, reachable: true } });
    expect((await members()).map((m) => m.id)).toEqual([manager!.managerStatus!.memberId]);
    expect(await node(b.nodeId)).toMatchObject({ role: 'WORKER', managerStatus: null });

    const rm = await mutate('removeNode', c.nodeId, true);
    expect(rm.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringMatching(/a Raft voter: demote it first/) });
    const demote = await mutate('demoteNode', c.nodeId);
    expect(demote.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringMatching(/runs the last manager/) });
    expect(await voters()).toBe(1);
  });

  it('promotes a node: its agent starts a manager that joins Raft as a voter; demoting stops it', async () => {
    expect((await mutate('promoteNode', b.nodeId)).errors).toBeUndefined();
    await waitFor('the promoted node to be a MANAGER with a voting member', async () => (await node(b.nodeId))?.role === 'MANAGER', 60_000);
    expect(await voters()).toBe(2);
    const promoted = (await node(b.nodeId))!;
    expect(promoted.managerStatus).toMatchObject({ voter: true, leader: false, reachable: true });
    expect(b.agent.process.output).not.toMatch(/SHOALTKN-1-M/); // the join token stays out of logs
    // Again: nothing changes.
    expect((await mutate('promoteNode', b.nodeId)).errors).toBeUndefined();
    expect(await voters()).toBe(2);

    // The agent stops: its manager stops with it (two managers without one have no quorum:
    // stale reads only); the agent starts again: so does its manager, and the quorum is back.
    const stale = new GraphQLClient(c.manager.apiUrl, c.manager.token, { 'shoal-consistency': 'stale' });
    const reachable = async () =>
      (await stale.must<{ node: NodeView }>('query($id: ID!) { node(id: $id) { managerStatus { reachable } } }', { id: b.nodeId })).node.managerStatus
        ?.reachable;
    await b.agent.process.kill('SIGTERM');
    await waitFor('the stopped manager to be unreachable', async () => (await reachable()) === false);
    b.agent.start();
    await waitFor('the manager to be back and reachable', async () => (await reachable()) === true, 60_000);
    await waitFor('linearizable reads again', async () => (await node(b.nodeId))?.managerStatus?.reachable);
    expect(b.agent.process.output).toMatch(/starting again the manager this agent started/);

    // Make the promoted node's manager the leader, then send the demotion to the other
    // manager, a follower: it records the wish, and the leader acts on it by handing
    // leadership back first (it runs on the node being demoted).
    const bMember = promoted.managerStatus!.memberId;
    const raftView = async () =>
      (await c.api.must<{ cluster: { raft: { id: string; leader: string | null } } }>('{ cluster { raft { id leader } } }')).cluster.raft;
    const leader = await waitFor('a leader', async () => (await raftView()).leader);
    if (leader !== bMember) await c.api.must('mutation($to: ID!) { transferLeadership(to: $to) }', { to: bMember });
    await waitFor("the promoted node's manager to lead", async () => (await raftView()).leader === bMember);
    const demoted = await mutate('demoteNode', b.nodeId); // c.api: a follower now
    expect(demoted.errors).toBeUndefined();
    expect(await node(b.nodeId)).toMatchObject({ desiredRole: 'WORKER' });
    await waitFor('the demoted node to be a WORKER with no manager', async () => {
      const n = await node(b.nodeId);
      return n?.role === 'WORKER' && n.managerStatus === null;
    });
    expect((await members()).map((m) => m.id)).toEqual([(await node(c.nodeId))!.managerStatus!.memberId]);
    expect((await raftView()).leader).toBe((await node(c.nodeId))!.managerStatus!.memberId);
    expect(b.agent.process.output).toMatch(/demoted: stopped manager/);
    await waitFor('the leader to report the roles agree', async () => (await node(b.nodeId))?.roleMessage === null);
    expect((await mutate('demoteNode', b.nodeId)).errors).toBeUndefined();
  });

  it('removes a node: refused while READY, then forced; its agent is turned away and its tasks move', async () => {
    const { createService } = await c.api.must<{ createService: { id: string } }>(
      'mutation($input: CreateServiceInput!) { createService(input: $input) { id } }',
      {
        input: { name: 'spread', image: TEST_IMAGE, args: SLEEPER_ARGS, replicas: 2 },
      },
    );
    const tasks = async () =>
      (
        await c.api.must<{ tasks: { items: { id: string; nodeId: string | null; desiredState: string; status: { state: string; message: string } }[] } }>(
          'query($id: ID!) { tasks(first: 500, filter: { serviceId: $id }) { items { id nodeId desiredState status { state message } } } }',
          { id: createService.id },
        )
      ).tasks.items;
    await waitFor('a task running on each node', async () => {
      const running = (await tasks()).filter((t) => t.status.state === 'RUNNING');
      return running.length === 2 && new Set(running.map((t) => t.nodeId)).size === 2;
    });
    const onB = (await tasks()).find((t) => t.nodeId === b.nodeId)!;

    const refused = await mutate('removeNode', b.nodeId);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringMatching(/is READY and cannot be removed/) });
    expect(await node(b.nodeId)).not.toBeNull();

    expect((await mutate('removeNode', b.nodeId, true)).errors).toBeUndefined();
    expect(await node(b.nodeId)).toBeNull();
    // The agent's session ends with NODE_REMOVED and it exits 5.
    expect(await b.agent.process.waitForExit()).toBe(5);
    expect(b.agent.process.output).toMatch(/manager refused this agent \(NODE_REMOVED\): node \S+ was removed from the cluster/);
    const orphan = (await tasks()).find((t) => t.id === onB.id)!;
    expect(orphan).toMatchObject({ desiredState: 'SHUTDOWN', status: { state: 'ORPHANED', message: 'node removed' } });
    await waitFor('two tasks running on the remaining node', async () => {
      const running = (await tasks()).filter((t) => t.status.state === 'RUNNING');
      return running.length === 2 && running.every((t) => t.nodeId === c.nodeId);
    });

    // Its credentials no longer work: the agent restarted with its state is refused at once.
    const again = agentProcess(c.manager, 'unused', {
      SHOAL_JOIN_TOKEN: (await c.api.must<{ cluster: { joinTokens: { worker: string } } }>('{ cluster { joinTokens { worker } } }')).cluster.joinTokens.worker,
      SHOAL_STATE_DIR: b.agent.stateDir,
    });
    again.start();
    expect(await again.process.waitForExit()).toBe(5);
    expect(again.process.output).toMatch(/NODE_REMOVED/);
    rmSync(again.stateDir, { recursive: true, force: true });
  });
});
