import Docker from 'dockerode';
import { rmSync } from 'node:fs';
import { AgentHandle, GraphQLClient, ManagerGroup, Member, SLEEPER_ARGS, TEST_IMAGE, agentProcess, startManagers, waitFor } from '@shoal/testing';

/**
 * Three real manager processes replicating the cluster state through Raft on loopback,
 * one agent on the real engine: what an operator sees when managers fail.
 */
describe('three managers', () => {
  let g: ManagerGroup;
  let agent: AgentHandle | undefined;
  const docker = new Docker();
  let nodeId = '';

  beforeAll(async () => {
    // A generous heartbeat grace: these tests are about manager failover, and a loaded
    // machine must not turn a slow agent reconnection into a node-down replacement.
    g = await startManagers(3, { SHOAL_HEARTBEAT_GRACE: '15' });
  });
  afterAll(async () => {
    await agent?.process.kill('SIGTERM');
    if (nodeId) {
      for (const c of await docker.listContainers({ all: true, filters: { label: [`shoal.node.id=${nodeId}`] } }))
        await docker
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => undefined);
    }
    if (agent) rmSync(agent.stateDir, { recursive: true, force: true });
    await g?.stop();
  });

  const followers = async (leader: Member) => g.members.filter((m) => m !== leader && m.process.running);
  const running = async (service: string) =>
    (await docker.listContainers({ filters: { label: [`shoal.node.id=${nodeId}`] } })).filter((x) => x.Labels['shoal.service.name'] === service);

  it('elect one leader, create the cluster once, and see every member', async () => {
    const leader = await g.leader();
    const views = await Promise.all(g.members.map((m) => g.raft(m)));
    for (const v of views) {
      expect(v.leader).toBe(leader.id);
      expect(v.members.map((m) => m.id).sort()).toEqual(['m1', 'm2', 'm3']);
    }
    const leaderView = views.find((v) => v.id === leader.id)!;
    expect(leaderView.members.every((m) => m.reachable && m.matchIndex !== null)).toBe(true);
    // The same cluster, read linearizably from every manager.
    const ids = await Promise.all(g.members.map(async (m) => (await m.api.must<{ cluster: { id: string } }>('{ cluster { id } }')).cluster.id));
    expect(new Set(ids).size).toBe(1);
  });

  it('accept a write on a follower and answer it from every manager at once', async () => {
    const leader = await g.leader();
    const [follower] = await followers(leader);
    const { createService } = await follower.api.must<{ createService: { id: string } }>(
      'mutation($input: CreateServiceInput!) { createService(input: $input) { id } }',
      { input: { name: 'on-follower', image: TEST_IMAGE, replicas: 0 } },
    );
    // No waiting: a default (linearizable) read on any manager includes the acknowledged write.
    for (const m of g.members) {
      const { service } = await m.api.must<{ service: { id: string } | null }>('{ service(name: "on-follower") { id } }');
      expect(service?.id).toBe(createService.id);
    }
    // Bad input through a follower: a coded error, nothing replicated.
    const before = (await g.raft(leader)).commitIndex;
    const dup = await follower.api.request('mutation($input: CreateServiceInput!) { createService(input: $input) { id } }', {
      input: { name: 'on-follower', image: TEST_IMAGE, replicas: 0 },
    });
    expect(dup.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.name' } });
    expect((await g.raft(leader)).commitIndex).toBe(before);
  });

  it('hand leadership over on request', async () => {
    const leader = await g.leader();
    const [target] = await followers(leader);
    const wrong = await leader.api.request('mutation { transferLeadership(to: "nobody") }');
    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await leader.api.must(`mutation { transferLeadership(to: "${target.id}") }`);
    await waitFor('the new leader', async () => (await g.raft(target)).role === 'LEADER');
    await target.api.must('mutation { createService(input: { name: "after-transfer", image: "x", replicas: 0 }) { id } }');
  });

  it('send agents to the leader, and keep services running through a leader SIGKILL', async () => {
    const first = await g.leader();
    const { cluster } = await first.api.must<{ cluster: { joinTokens: { worker: string } } }>('{ cluster { joinTokens { worker } } }');
    // The agent knows every manager and starts with a follower: it is redirected to the leader.
    const [follower] = await followers(first);
    const others = g.members.filter((m) => m !== follower).map((m) => m.clusterAddr);
    agent = agentProcess({ clusterAddr: [follower.clusterAddr, ...others].join(',') }, cluster.joinTokens.worker);
    agent.start();
    nodeId = await waitFor('the agent to register through the leader', async () => {
      const {
        nodes: { items: nodes },
      } = await first.api.must<{ nodes: { items: { id: string; status: { state: string } }[] } }>('{ nodes { items { id status { state } } } }');
      return nodes.find((n) => n.status.state === 'READY')?.id;
    });
    await first.api.must('mutation($input: CreateServiceInput!) { createService(input: $input) { id } }', {
      input: { name: 'survivor', image: TEST_IMAGE, replicas: 2, args: SLEEPER_ARGS },
    });
    await waitFor('2 containers', async () => (await running('survivor')).length === 2);
    const containersBefore = new Set((await running('survivor')).map((c) => c.Id));

    await first.process.kill('SIGKILL');
    const second = await g.leader();
    expect(second).not.toBe(first);
    // The new leader takes writes, runs the orchestrator, and the agent follows it.
    await second.api.must('mutation { scaleService(id: "' + (await serviceId(second.api, 'survivor')) + '", replicas: 3) { replicas } }');
    await waitFor('3 containers after the failover', async () => (await running('survivor')).length === 3, 60_000);
    const after = await running('survivor');
    // The two containers from before the failover were kept, not restarted.
    expect(after.filter((c) => containersBefore.has(c.Id))).toHaveLength(2);
    const { node } = await second.api.must<{ node: { status: { state: string } } }>(`{ node(id: "${nodeId}") { status { state } } }`);
    expect(node.status.state).toBe('READY');

    // The killed manager comes back and catches up with everything it missed.
    await first.start();
    await waitFor('the restarted manager to catch up', async () => {
      const [a, b] = await Promise.all([g.raft(first), g.raft(second)]);
      return a.leader === second.id && a.appliedIndex >= b.commitIndex - 2;
    });
    const { service } = await first.api.must<{ service: { replicas: number } }>('{ service(name: "survivor") { replicas } }');
    expect(service.replicas).toBe(3);
  });

  it('carry a rolling update on after the leader is killed half-way', async () => {
    const first = await g.leader();
    const id = await serviceId(first.api, 'survivor');
    const UPDATE = 'mutation($id: ID!, $v: Int!, $input: UpdateServiceInput!) { updateService(id: $id, version: $v, input: $input) { id } }';
    const STATUS = 'query($id: ID!) { service(id: $id) { version updateStatus { state progress { updated total } } } }';
    type Status = { service: { version: number; updateStatus: { state: string; progress: { updated: number; total: number } } | null } };
    const { service } = await first.api.must<Status>(STATUS, { id });
    // A delay between batches leaves time to kill the leader with the update half done.
    await first.api.must(UPDATE, { id, v: service.version, input: { env: ['V=2'], updateConfig: { parallelism: 1, delayMs: 3000, monitorMs: 500 } } });
    const halfway = await waitFor('the first batch running', async () => {
      const s = (await first.api.must<Status>(STATUS, { id })).service.updateStatus;
      return s && s.progress.updated >= 1 ? s : undefined;
    });
    expect(halfway.state).toBe('UPDATING');

    await first.process.kill('SIGKILL');
    const second = await g.leader();
    const done = await waitFor('the new leader to complete the update', async () => {
      const s = (await second.api.must<Status>(STATUS, { id })).service.updateStatus;
      return s?.state === 'COMPLETED' ? s : undefined;
    });
    expect(done.progress).toEqual({ updated: 3, total: 3 });
    const containers = await running('survivor');
    expect(containers).toHaveLength(3);
    for (const c of containers) expect((await docker.getContainer(c.Id).inspect()).Config.Env).toContain('V=2');

    await first.start();
    await waitFor('the restarted manager to catch up', async () => {
      const [a, b] = await Promise.all([g.raft(first), g.raft(second)]);
      return a.leader === second.id && a.appliedIndex >= b.commitIndex - 2;
    });
  });

  it('keep an agent configured with one manager connected after that manager dies, and after the agent restarts', async () => {
    const first = await g.leader();
    const { cluster } = await first.api.must<{ cluster: { joinTokens: { worker: string } } }>('{ cluster { joinTokens { worker } } }');
    // SHOAL_MANAGERS names the leader only; the welcome names every manager.
    const solo = agentProcess({ clusterAddr: first.clusterAddr }, cluster.joinTokens.worker, { SHOAL_HOSTNAME: 'solo' });
    solo.start();
    try {
      const soloNode = await waitFor('the solo agent to register', async () => {
        const { nodes } = await first.api.must<{ nodes: { items: { id: string; status: { state: string } }[] } }>(
          '{ nodes(filter: { hostnameContains: "solo" }) { items { id status { state } } } }',
        );
        return nodes.items.find((n) => n.status.state === 'READY')?.id;
      });
      const all = g.members.map((m) => m.clusterAddr);
      await waitFor('the agent to learn the managers', () => all.every((a) => solo.process.output.includes(a)) && /managers: /.test(solo.process.output));

      await first.process.kill('SIGKILL');
      const second = await g.leader();
      // Assignments reach it through the new leader: a task placed on its node runs.
      const input = { name: 'on-solo', image: TEST_IMAGE, replicas: 1, args: SLEEPER_ARGS, placement: { constraints: [`node.id==${soloNode}`] } };
      const { createService } = await second.api.must<{ createService: { id: string } }>(
        'mutation($input: CreateServiceInput!) { createService(input: $input) { id } }',
        { input },
      );
      const onSolo = async () => (await docker.listContainers({ filters: { label: [`shoal.node.id=${soloNode}`] } })).length;
      await waitFor('the task running on the solo node', async () => (await onSolo()) === 1, 60_000);

      // Restarted while the only manager it was configured with is still down: it uses the list it kept.
      await solo.process.kill('SIGTERM');
      const before = solo.process.output.length;
      solo.start();
      await waitFor('the restarted agent to open a session with a live manager', () => /session open with /.test(solo.process.output.slice(before)));
      expect(solo.process.output.slice(before)).not.toMatch(new RegExp(`session open with ${first.clusterAddr}`));
      const { node } = await second.api.must<{ node: { status: { state: string } } }>(`{ node(id: "${soloNode}") { status { state } } }`);
      expect(node.status.state).toBe('READY');

      await second.api.must(`mutation { removeService(id: "${createService.id}") }`);
      await waitFor('the task gone', async () => (await onSolo()) === 0);
      await first.start();
      await waitFor('the restarted manager to catch up', async () => {
        const [a, b] = await Promise.all([g.raft(first), g.raft(second)]);
        return a.leader === second.id && a.appliedIndex >= b.commitIndex - 2;
      });
    } finally {
      await solo.process.kill('SIGTERM');
      rmSync(solo.stateDir, { recursive: true, force: true });
    }
  });

  it('refuse linearizable reads and writes without a quorum, and still answer stale reads', async () => {
    const leader = await g.leader();
    const [a, b] = await followers(leader);
    await a.process.kill('SIGKILL');
    await b.process.kill('SIGKILL');
    const read = await leader.api.request('{ services { items { id } } }');
    expect(read.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
    const stale = new GraphQLClient(leader.apiUrl, g.token, { 'shoal-consistency': 'stale' });
    const {
      services: { items: services },
    } = await stale.must<{ services: { items: { id: string }[] } }>('{ services { items { id } } }');
    expect(services.length).toBeGreaterThan(0);
    await a.start();
    await b.start();
    await g.leader();
    const again = await leader.api.must<{ services: { items: { id: string }[] } }>('{ services { items { id } } }');
    expect(again.services.items.length).toBe(services.length);
  });
});

async function serviceId(api: GraphQLClient, name: string): Promise<string> {
  const { service } = await api.must<{ service: { id: string } }>(`{ service(name: "${name}") { id } }`);
  return service.id;
}
