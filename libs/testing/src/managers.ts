import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { GraphQLClient } from './graphql-client';
import { ManagerHandle, prepareManager } from './cluster';
import { freePort } from './ports';
import { waitFor } from './wait-for';

export interface RaftView {
  id: string;
  role: string;
  leader: string | null;
  term: number;
  commitIndex: number;
  appliedIndex: number;
  firstIndex: number;
  members: { id: string; address: string; role: string; reachable: boolean; matchIndex: number | null }[];
}

export interface Member extends ManagerHandle {
  id: string;
}

export interface ManagerGroup {
  members: Member[];
  /** Every member's cluster address, comma-separated (an agent's SHOAL_MANAGERS). */
  clusterAddrs: string;
  token: string;
  /** Raft as `m` sees it (stale read: it answers without a quorum). */
  raft(m: Member): Promise<RaftView>;
  /** Waits until a running member reports a leader that is itself running, and returns it. */
  leader(timeoutMs?: number): Promise<Member>;
  stop(): Promise<void>;
}

/** `n` real manager processes on loopback forming one Raft cluster (ids m1..mn). */
export async function startManagers(n: number, env: NodeJS.ProcessEnv = {}): Promise<ManagerGroup> {
  const ports: [number, number][] = [];
  for (let i = 0; i < n; i++) ports.push([await freePort(), await freePort()]);
  const peers = ports.map(([, cluster], i) => `m${i + 1}=127.0.0.1:${cluster}`).join(',');
  const token = `test-${randomBytes(16).toString('hex')}`;
  const secret = randomBytes(24).toString('hex');
  const members: Member[] = ports.map(([api, cluster], i) => ({
    ...prepareManager(api, cluster, { SHOAL_RAFT_ID: `m${i + 1}`, SHOAL_RAFT_PEERS: peers, SHOAL_RAFT_SECRET: secret, SHOAL_ADMIN_TOKEN: token, ...env }),
    id: `m${i + 1}`,
  }));
  await Promise.all(members.map((m) => m.start()));

  const raft = async (m: Member): Promise<RaftView> => {
    const stale = new GraphQLClient(m.apiUrl, token, { 'shoal-consistency': 'stale' });
    const r = await stale.must<{ cluster: { raft: RaftView } }>(
      '{ cluster { raft { id role leader term commitIndex appliedIndex firstIndex members { id address role reachable matchIndex } } } }',
    );
    return r.cluster.raft;
  };
  const group: ManagerGroup = {
    members,
    clusterAddrs: members.map((m) => m.clusterAddr).join(','),
    token,
    raft,
    leader: (timeoutMs = 30_000) =>
      waitFor(
        'a Raft leader among the running managers',
        async () => {
          for (const m of members) {
            if (!m.process.running) continue;
            const view = await raft(m).catch(() => undefined);
            const leader = members.find((x) => x.id === view?.leader);
            if (view?.role === 'LEADER' && leader === m) return m;
          }
          return undefined;
        },
        timeoutMs,
        50,
      ),
    stop: async () => {
      await Promise.all(members.map((m) => m.process.kill('SIGTERM')));
      for (const m of members) rmSync(m.dataDir, { recursive: true, force: true });
    },
  };
  return group;
}
