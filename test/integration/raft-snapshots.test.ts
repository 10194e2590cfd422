import { ManagerGroup, startManagers, waitFor } from '@shoal/testing';

/**
 * Log compaction and InstallSnapshot with real processes: a follower that was down
 * while the leader compacted its log catches up from a snapshot, and every manager
 * restarts from its state database and compacted log.
 */
describe('Raft snapshots between real managers', () => {
  let g: ManagerGroup;
  beforeAll(async () => {
    // Compact every 40 applied entries, keep 5: a follower down for 150 writes needs a snapshot.
    g = await startManagers(3, { SHOAL_RAFT_SNAPSHOT_ENTRIES: '40', SHOAL_RAFT_TRAILING_ENTRIES: '5' });
  });
  afterAll(() => g?.stop());

  const names = async (m: ManagerGroup['members'][number]) =>
    (
      await m.api.must<{ services: { items: { spec: { name: string }; replicas: number }[] } }>('{ services { items { spec { name } replicas } } }')
    ).services.items
      .map((s) => `${s.spec.name}:${s.replicas}`)
      .sort();

  it('catches a follower up from a snapshot after the leader compacted past it', async () => {
    const leader = await g.leader();
    const follower = g.members.find((m) => m !== leader)!;
    await follower.process.kill('SIGKILL');
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const r = await leader.api.must<{ createService: { id: string } }>(
        'mutation($n: String!) { createService(input: { name: $n, image: "x", replicas: 0 }) { id } }',
        {
          n: `s${i}`,
        },
      );
      ids.push(r.createService.id);
    }
    for (let i = 0; i < 120; i++) {
      await leader.api.must('mutation($id: ID!, $r: Int!) { scaleService(id: $id, replicas: $r) { id } }', { id: ids[i % 30], r: i % 2 });
    }
    const view = await g.raft(leader);
    expect(view.firstIndex).toBeGreaterThan(60); // the leader no longer holds what the follower lacks

    await follower.start();
    await waitFor('the follower to catch up', async () => (await g.raft(follower)).appliedIndex >= view.commitIndex);
    expect(follower.process.output).toMatch(/installed the leader's snapshot at index \d+/);
    expect(await names(follower)).toEqual(await names(leader));

    // It keeps following the log after the snapshot.
    await leader.api.must('mutation { createService(input: { name: "after-snapshot", image: "x", replicas: 0 }) { id } }');
    const { service } = await follower.api.must<{ service: { id: string } | null }>('{ service(name: "after-snapshot") { id } }');
    expect(service).not.toBeNull();
  });

  it('restarts every manager from its state database and compacted log', async () => {
    const before = await names(await g.leader());
    for (const m of g.members) await m.process.kill('SIGKILL');
    await Promise.all(g.members.map((m) => m.start()));
    const leader = await g.leader();
    expect(await names(leader)).toEqual(before);
    for (const m of g.members) expect(await names(m)).toEqual(before);
    await leader.api.must('mutation { createService(input: { name: "after-restart", image: "x", replicas: 0 }) { id } }');
  });
});
