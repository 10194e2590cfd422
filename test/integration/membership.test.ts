import { rmSync } from 'node:fs';
import { GraphQLClient, ManagerHandle, freePort, prepareManager, startManager, waitFor } from '@shoal/testing';

interface Member {
  id: string;
  address: string;
  role: string;
  reachable: boolean;
}

/**
 * Growing and shrinking the managers through the API, with real processes: managers
 * join a running one-manager cluster with the manager join token, are promoted once they
 * have caught up, survive the first manager's death, and are removed without losing quorum.
 */
describe('adding and removing managers', () => {
  const started: ManagerHandle[] = [];
  afterAll(async () => {
    for (const m of started) {
      await m.process.kill('SIGTERM');
      rmSync(m.dataDir, { recursive: true, force: true });
    }
  });

  const raft = (m: ManagerHandle) =>
    new GraphQLClient(m.apiUrl, m.token, { 'shoal-consistency': 'stale' })
      .must<{ cluster: { raft: { id: string; leader: string | null; members: Member[] } } }>(
        '{ cluster { raft { id leader members { id address role reachable } } } }',
      )
      .then((r) => r.cluster.raft);

  it('joins two managers to a running cluster, promotes them, and keeps serving when the first one dies', async () => {
    const first = await startManager({ SHOAL_RAFT_ID: 'first' });
    started.push(first);
    await first.api.must('mutation { createService(input: { name: "before-join", image: "x", replicas: 0 }) { id } }');
    const { cluster } = await first.api.must<{ cluster: { joinTokens: { manager: string } } }>('{ cluster { joinTokens { manager } } }');

    // A wrong token: the new manager stops with a clear error and nothing changes.
    const intruder = prepareManager(await freePort(), await freePort(), {
      SHOAL_RAFT_ID: 'intruder',
      SHOAL_RAFT_JOIN: first.clusterAddr,
      SHOAL_JOIN_TOKEN: 'SHOALTKN-1-Mwrong',
      SHOAL_ADMIN_TOKEN: first.token,
    });
    intruder.process.start();
    expect(await intruder.process.waitForExit(30_000)).toBe(1);
    expect(intruder.process.output).toMatch(/refused to add this manager: invalid manager join token/);
    rmSync(intruder.dataDir, { recursive: true, force: true });
    expect((await raft(first)).members.map((m) => m.id)).toEqual(['first']);

    for (const id of ['second', 'third']) {
      const m = prepareManager(await freePort(), await freePort(), {
        SHOAL_RAFT_ID: id,
        SHOAL_RAFT_JOIN: first.clusterAddr,
        SHOAL_JOIN_TOKEN: cluster.joinTokens.manager,
        SHOAL_ADMIN_TOKEN: first.token,
      });
      started.push(m);
      await m.start();
      await waitFor(`${id} to be promoted to voter`, async () => (await raft(first)).members.find((x) => x.id === id)?.role === 'FOLLOWER');
    }
    const [, second, third] = started;
    const view = await raft(first);
    expect(view.members.map((m) => [m.id, m.role]).sort()).toEqual([
      ['first', 'LEADER'],
      ['second', 'FOLLOWER'],
      ['third', 'FOLLOWER'],
    ]);
    // The joined managers hold what was written before they joined, and serve the API.
    const { service } = await third.api.must<{ service: { id: string } | null }>('{ service(name: "before-join") { id } }');
    expect(service).not.toBeNull();

    // The first manager dies: the two that joined are a quorum of three and elect a leader.
    await first.process.kill('SIGKILL');
    const leader = await waitFor('a leader among the joined managers', async () => {
      const v = await raft(second);
      return v.leader === 'second' || v.leader === 'third' ? v.leader : undefined;
    });
    const survivor = leader === 'second' ? second : third;
    await survivor.api.must('mutation { createService(input: { name: "after-failover", image: "x", replicas: 0 }) { id } }');

    // Removing a reachable voter would leave one reachable of two: refused without force.
    const other = leader === 'second' ? 'third' : 'second';
    await waitFor(
      'the leader to see the first manager unreachable',
      async () => (await raft(survivor)).members.find((m) => m.id === 'first')?.reachable === false,
    );
    const refused = await survivor.api.request(`mutation { removeManager(id: "${other}") }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0]?.message).toMatch(/fewer than their quorum/);

    // Removing the dead one leaves two reachable voters: allowed.
    await survivor.api.must('mutation { removeManager(id: "first") }');
    await waitFor(
      'two managers left',
      async () =>
        (await raft(survivor)).members
          .map((m) => m.id)
          .sort()
          .join() === [leader, other].sort().join(),
    );
    await survivor.api.must('mutation { createService(input: { name: "after-removal", image: "x", replicas: 0 }) { id } }');
    const names = await (leader === 'second' ? third : second).api.must<{ services: { items: { spec: { name: string } }[] } }>(
      '{ services { items { spec { name } } } }',
    );
    expect(names.services.items.map((s) => s.spec.name).sort()).toEqual(['after-failover', 'after-removal', 'before-join']);
  });
});
