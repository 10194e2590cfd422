import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExtraAgent, GraphQLClient, TestCluster, addAgent, freePort, startCluster, waitFor } from '@shoal/testing';

interface NodeView {
  role: string;
  roleMessage: string | null;
  status: { state: string };
  managerStatus: { memberId: string } | null;
}

/**
 * Demoting the first manager, the one `npm start` runs beside its agent (the agent did
 * not start it, so it is not the agent's to stop): the node becomes a WORKER with nothing
 * left to wait for, its agent keeps working through the other manager, and the removed
 * manager refuses to start again under its old id.
 */
describe('demoting a manager its agent did not start', () => {
  let c: TestCluster;
  let b: ExtraAgent;
  let bData: string;
  let bApi: GraphQLClient;
  let bCluster: string;
  beforeAll(async () => {
    c = await startCluster();
    bData = mkdtempSync(join(tmpdir(), 'shoal-host-manager-'));
    const apiPort = await freePort();
    bCluster = `127.0.0.1:${await freePort()}`;
    b = await addAgent(c, {
      SHOAL_AGENT_MANAGER_DATA: bData,
      SHOAL_AGENT_MANAGER_API_ADDR: `127.0.0.1:${apiPort}`,
      SHOAL_AGENT_MANAGER_CLUSTER_ADDR: bCluster,
    });
    bApi = new GraphQLClient(`http://127.0.0.1:${apiPort}/graphql`, c.manager.token);
  });
  afterAll(async () => {
    await b?.stop();
    await c?.stop();
    rmSync(bData, { recursive: true, force: true });
  });

  const node = async (api: GraphQLClient, id: string) =>
    (
      await api.must<{ node: NodeView }>('query($id: ID!) { node(id: $id) { role roleMessage status { state } managerStatus { memberId } } }', {
        id,
      })
    ).node;

  it('leaves the node a WORKER with no message, its agent connected, and the old manager unable to come back', async () => {
    await c.api.must('mutation($id: ID!) { promoteNode(id: $id) { id } }', { id: b.nodeId });
    await waitFor('the second node to be a voting MANAGER', async () => (await node(c.api, b.nodeId)).role === 'MANAGER', 60_000);
    const first = (await node(c.api, c.nodeId)).managerStatus!.memberId;

    await c.api.must('mutation($id: ID!) { demoteNode(id: $id) { id } }', { id: c.nodeId });
    // The first manager leads: it hands leadership over, is removed, and its agent is told.
    const demoted = await waitFor(
      'the first node to be a WORKER with nothing left to do',
      async () => {
        const n = await node(bApi, c.nodeId);
        return n.role === 'WORKER' && n.managerStatus === null && n.roleMessage === null ? n : undefined;
      },
      60_000,
    );
    expect(demoted.status.state).toBe('READY');
    const { cluster } = await bApi.must<{ cluster: { raft: { members: { id: string }[] } } }>('{ cluster { raft { members { id } } } }');
    expect(cluster.raft.members.map((m) => m.id)).not.toContain(first);
    expect(c.agent.process.output).toMatch(new RegExp(`manager ${first} on this host was removed from the cluster; this agent did not start it`));
    // Its agent was told the managers left: the second one only.
    await waitFor('the agent to be told the remaining manager', () => c.agent.process.output.includes(`managers: ${bCluster}\n`));

    // The removed manager, stopped and started again from its folder, refuses.
    await c.manager.process.kill('SIGTERM');
    await expect(c.manager.start()).rejects.toThrow(/was removed from the cluster \(demoted\): it cannot come back under that id/);
    expect((await node(bApi, c.nodeId)).status.state).toBe('READY');
  });
});
