import { rmSync } from 'node:fs';
import Docker from 'dockerode';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { AgentHandle, ManagerGroup, Member, TEST_IMAGE, agentProcess, startManagers, waitFor } from '@shoal/testing';

const docker = new Docker();
const LINES = `query($s: ID!, $tail: Int, $search: String) { serviceLogs(service: $s, tail: $tail, search: $search) { lines { taskId nodeId text } } }`;

/** Agents talk only to the leader: a follower serves logs by forwarding to it over the cluster port. */
describe('service logs through a follower', () => {
  let g: ManagerGroup;
  let leader: Member;
  let follower: Member;
  let agent: AgentHandle | undefined;
  let nodeId: string | undefined;

  beforeAll(async () => {
    g = await startManagers(3, { SHOAL_HEARTBEAT_GRACE: '15' });
    leader = await g.leader();
    follower = g.members.find((m) => m !== leader)!;
    const { cluster } = await leader.api.must<{ cluster: { joinTokens: { worker: string } } }>('{ cluster { joinTokens { worker } } }');
    agent = agentProcess({ clusterAddr: g.clusterAddrs }, cluster.joinTokens.worker);
    agent.start();
    nodeId = await waitFor('the agent to register', async () => {
      const { nodes } = await leader.api.must<{ nodes: { items: { id: string; status: { state: string } }[] } }>('{ nodes { items { id status { state } } } }');
      return nodes.items.find((n) => n.status.state === 'READY')?.id;
    });
    await leader.api.must('mutation($input: CreateServiceInput!) { createService(input: $input) { id } }', {
      input: {
        name: 'relayed',
        image: TEST_IMAGE,
        replicas: 1,
        args: ['sh', '-c', 'echo forwarded-hello; i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done'],
      },
    });
  });
  afterAll(async () => {
    await agent?.process.kill('SIGTERM');
    if (nodeId)
      for (const c of await docker.listContainers({ all: true, filters: { label: [`shoal.node.id=${nodeId}`] } }))
        await docker
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => undefined);
    if (agent) rmSync(agent.stateDir, { recursive: true, force: true });
    await g?.stop();
  });

  it('answers a query and a followed subscription on the follower with the lines of the leader’s agents', async () => {
    const hello = await waitFor('the hello line through the follower', async () => {
      const { serviceLogs } = await follower.api.must<{ serviceLogs: { lines: { nodeId: string; text: string }[] } }>(LINES, { s: 'relayed', search: 'hello' });
      return serviceLogs.lines.length === 1 ? serviceLogs.lines[0] : undefined;
    });
    expect(hello).toMatchObject({ nodeId, text: 'forwarded-hello' });

    const client = createClient({
      url: follower.apiUrl.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${g.token}` },
      retryAttempts: 0,
    });
    const texts: string[] = [];
    client.subscribe<{ serviceLogs: { lines: { text: string }[] } }>(
      { query: 'subscription { serviceLogs(service: "relayed", follow: true, tail: 0) { lines { text } } }' },
      { next: (m) => m.data && texts.push(...m.data.serviceLogs.lines.map((l) => l.text)), error: () => undefined, complete: () => undefined },
    );
    await waitFor('followed ticks through the follower', async () => texts.filter((t) => t.startsWith('tick ')).length >= 2);
    await client.dispose();
  });

  it('refuses a log request on the cluster port without the Raft secret', async () => {
    const status = await new Promise<number | string>((resolve) => {
      const ws = new WebSocket(`ws://${leader.clusterAddr}/v1/logs`, { headers: { 'shoal-raft-from': follower.id, authorization: 'Bearer not-the-secret' } });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve('open'));
      ws.on('error', (err) => resolve(err.message));
    });
    expect(status).toBe(401);
  });
});
