import { performance } from 'node:perf_hooks';
import { checkKv, KvOperation } from '@shoal/raft';
import { GraphQLClient, ManagerGroup, Member, sleep, startManagers } from '@shoal/testing';

const KEYS = 10;
const CLIENTS = 8;
const OPERATIONS = Number(process.env.SHOAL_LIN_OPS ?? 10_000);

/**
 * Jepsen-style: three real managers, clients reading and writing through all of them,
 * while managers (the leader more often than not) are killed with SIGKILL and
 * restarted. The history is checked linearizable, which also proves that no
 * acknowledged write was lost. Each key is a service (replicas 0); a write sets its
 * label `v` with `updateService` (a compare-and-set on the version: CONFLICT means it
 * did not happen), a read is a default, linearizable query.
 */
describe('linearizability of the replicated store under SIGKILL', () => {
  let g: ManagerGroup;
  beforeAll(async () => {
    g = await startManagers(3);
  });
  afterAll(() => g?.stop());

  it(`keeps ${OPERATIONS} operations linearizable while managers are killed`, async () => {
    const leader = await g.leader();
    const ids: string[] = [];
    for (let k = 0; k < KEYS; k++) {
      const r = await leader.api.must<{ createService: { id: string } }>(
        'mutation($n: String!) { createService(input: { name: $n, image: "x", replicas: 0 }) { id } }',
        {
          n: `kv-${k}`,
        },
      );
      ids.push(r.createService.id);
    }

    const history: KvOperation[] = [];
    let kills = 0;
    let acknowledgedWrites = 0;
    let done = false;

    const clientOf = (m: Member, stale = false) => new GraphQLClient(m.apiUrl, g.token, stale ? { 'shoal-consistency': 'stale' } : {});
    const pick = (): Member => {
      const up = g.members.filter((m) => m.process.running);
      return up[Math.floor(Math.random() * up.length)] ?? g.members[0];
    };

    const client = async (name: string): Promise<void> => {
      let n = 0;
      while (history.length < OPERATIONS) {
        const k = Math.floor(Math.random() * KEYS);
        const key = `k${k}`;
        const m = pick();
        if (Math.random() < 0.5) {
          const value = `${name}-${n++}`;
          // The version to compare against comes from an unrecorded stale read.
          const current = await clientOf(m, true)
            .request<{ service: { version: number } | null }>('query($id: ID) { service(id: $id) { version } }', { id: ids[k] })
            .catch(() => undefined);
          const version = current?.data?.service?.version;
          if (version === undefined) continue;
          const op: KvOperation = { client: name, key, kind: 'put', value, call: performance.now() };
          try {
            const r = await clientOf(m).request(
              'mutation($id: ID!, $v: Int!, $val: String!) { updateService(id: $id, version: $v, input: { labels: [{ key: "v", value: $val }] }) { version } }',
              {
                id: ids[k],
                v: version,
                val: value,
              },
            );
            const code = r.errors?.[0]?.extensions?.code;
            if (!r.errors) {
              op.ret = performance.now();
              acknowledgedWrites++;
            } else if (code === 'CONFLICT' || code === 'BAD_USER_INPUT' || code === 'NOT_FOUND') {
              continue; // refused: it took no effect, leave it out of the history
            } // else UNAVAILABLE: outcome unknown, the operation stays open-ended
          } catch {
            // connection lost mid-request: outcome unknown
          }
          history.push(op);
        } else {
          const call = performance.now();
          try {
            const r = await clientOf(m).request<{ service: { spec: { labels: { key: string; value: string }[] } } | null }>(
              'query($id: ID) { service(id: $id) { spec { labels { key value } } } }',
              { id: ids[k] },
            );
            if (r.errors || !r.data?.service) continue; // a failed read observed nothing
            const output = r.data.service.spec.labels.find((l) => l.key === 'v')?.value ?? null;
            history.push({ client: name, key, kind: 'get', output, call, ret: performance.now() });
          } catch {
            continue;
          }
        }
      }
    };

    const chaos = async (): Promise<void> => {
      while (!done) {
        await sleep(800 + Math.random() * 1200);
        if (done) return;
        const view = await g.raft(pick()).catch(() => undefined);
        const leaderNow = g.members.find((m) => m.id === view?.leader);
        const victim = leaderNow && Math.random() < 0.6 ? leaderNow : pick();
        await victim.process.kill('SIGKILL');
        kills++;
        await sleep(300 + Math.random() * 1000);
        await victim.start();
      }
    };

    const chaosDone = chaos();
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(`c${i}`)));
    done = true;
    await chaosDone;

    const result = checkKv(history, null, 5_000_000);
    const summary = `${history.length} operations (${acknowledgedWrites} acknowledged writes, ${history.filter((o) => o.ret === undefined).length} with unknown outcome), ${kills} SIGKILLs`;
    process.stdout.write(`linearizability: ${summary}\n`);
    if (!result.ok) {
      throw new Error(
        `${summary}: ${result.undecided ? 'undecided' : 'NOT linearizable'} on ${result.key}: ${JSON.stringify(result.operations?.slice(0, 50))}`,
      );
    }
    expect(kills).toBeGreaterThan(3);
    expect(acknowledgedWrites).toBeGreaterThan(OPERATIONS / 10);
  }, 900_000);
});
