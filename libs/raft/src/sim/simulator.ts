import { NotLeaderError } from '../errors';
import { RaftNode } from '../raft';
import type { ConfChange, Entry, HardState, LogOffset, Message } from '../types';
import { KvOperation, checkKv } from '../linearizability/kv-checker';
import { rng } from './rng';

export interface SimOptions {
  nodes: number;
  /** Ticks of faults, then ticks with everything healed in which progress is required. */
  chaosTicks: number;
  healTicks: number;
  dropRate: number;
  duplicateRate: number;
  maxDelay: number;
  crashRate: number;
  partitionRate: number;
  pauseRate: number;
  proposeRate: number;
  /** Linearizable reads (ReadIndex) per tick, on random nodes. */
  readRate: number;
  /** Nodes that start outside the group and may be added (as learners, then voters). */
  spares: number;
  /** Membership changes proposed per tick by the leader during the faults. */
  confChangeRate: number;
}

export const DEFAULT_SIM: SimOptions = {
  nodes: 3,
  chaosTicks: 600,
  healTicks: 300,
  dropRate: 0.05,
  duplicateRate: 0.02,
  maxDelay: 3,
  crashRate: 0.004,
  partitionRate: 0.01,
  pauseRate: 0.004,
  proposeRate: 0.3,
  readRate: 0.2,
  spares: 2,
  confChangeRate: 0.01,
};

export interface SimResult {
  seed: number;
  ok: boolean;
  violation?: string;
  tick: number;
  stats: {
    leaders: number;
    committed: number;
    crashes: number;
    partitions: number;
    messages: number;
    operations: number;
    undecided: number;
    snapshots: number;
    confChanges: number;
  };
}

interface SimNode {
  id: string;
  raft: RaftNode | null;
  hard: HardState;
  /** Persisted entries after `offset` (the last compacted entry). */
  log: Entry[];
  offset: LogOffset;
  /** The persisted snapshot of the key-value state: what a restart begins from. */
  snap: { index: number; kv: [string, string][]; seen: string[] } | null;
  /** Set while the node has unpersisted work; crashing before then loses it. */
  readyDue: number | null;
  pausedUntil: number;
  lastApplied: number;
  /** term → vote, as persisted, across restarts. */
  votes: Map<number, string>;
  /** The replicated key-value state, rebuilt from the snapshot and the log on every start. */
  kv: Map<string, string>;
  /** Operations applied: a proposal forwarded twice (a duplicated message) is applied once. */
  seen: Set<string>;
  incarnation: number;
  /** Confirmed reads waiting for their index to be applied. */
  reads: { context: string; index: number }[];
  /** Clock skew: the chance the node's clock ticks in a simulated tick (1 after healing). */
  rate: number;
}

interface ClientOp extends KvOperation {
  incarnation: number;
}

const DEBUG = !!globalThis.process?.env.SIM_DEBUG;
class Violation extends Error {}

/** Clients give up after this many ticks; their operation then stays open-ended. */
const CLIENT_TIMEOUT = 40;

/**
 * A deterministic simulation of a Raft group: virtual clock, one seed for everything,
 * a network that drops, delays, duplicates and reorders, symmetric and asymmetric
 * partitions, crashes that lose whatever was not persisted, pauses. Safety properties
 * are checked after every event; after the faults heal, a leader must commit a new
 * entry within `healTicks`.
 */
export function simulate(seed: number, options: Partial<SimOptions> = {}): SimResult {
  const o = { ...DEFAULT_SIM, ...options };
  const random = rng(seed);
  const initial = Array.from({ length: o.nodes }, (_, i) => `n${i + 1}`);
  const ids = [...initial, ...Array.from({ length: o.spares }, (_, i) => `n${o.nodes + i + 1}`)];
  const nodes = new Map<string, SimNode>();
  const committed = new Map<number, Entry>();
  const appliedAt = new Map<number, number>();
  const leaderOfTerm = new Map<number, string>();
  let inflight: { at: number; m: Message }[] = [];
  let blocked = new Set<string>(); // "from>to"
  let tick = 0;
  let proposals = 0;
  const stats = { leaders: 0, committed: 0, crashes: 0, partitions: 0, messages: 0, operations: 0, undecided: 0, snapshots: 0, confChanges: 0 };

  const fail = (msg: string): never => {
    throw new Violation(`seed ${seed}, tick ${tick}: ${msg}`);
  };
  // Small messages and windows make the rare interleavings (Raft's figure 8) likely.
  const maxEntriesPerMessage = 1 + Math.floor(random() * 4);
  const maxInflight = 1 + Math.floor(random() * 8);
  // Compaction every few entries (never, in a quarter of the seeds), keeping a few for slow
  // followers, and tiny snapshot chunks: followers often need InstallSnapshot in pieces.
  const compactEvery = random() < 0.25 ? Infinity : 3 + Math.floor(random() * 30);
  const keep = Math.floor(random() * 4);
  const maxSnapshotChunk = 8 + Math.floor(random() * 64);
  // Byte limits small enough to bind: a message or window of a few entries.
  const maxMessageBytes = random() < 0.5 ? Infinity : 50 + Math.floor(random() * 150);
  const maxInflightBytes = random() < 0.5 ? Infinity : 100 + Math.floor(random() * 400);
  const start = (n: SimNode): void => {
    n.raft = new RaftNode(
      {
        id: n.id,
        voters: initial.includes(n.id) ? initial : [], // spares join an existing group
        random: rng(Math.floor(random() * 2 ** 32)),
        maxEntriesPerMessage,
        maxInflight,
        maxSnapshotChunk,
        maxMessageBytes,
        maxInflightBytes,
        snapshot: () => ({ index: n.lastApplied, data: JSON.stringify({ kv: [...n.kv], seen: [...n.seen] }) }),
      },
      { hardState: { ...n.hard }, entries: n.log.map((e) => ({ ...e })), offset: { ...n.offset } },
      n.snap?.index ?? 0,
    );
    n.lastApplied = n.snap?.index ?? 0;
    n.readyDue = null;
    n.kv = new Map(n.snap?.kv ?? []);
    n.seen = new Set(n.snap?.seen ?? []);
    n.reads = [];
    n.incarnation++;
  };
  // The clients' history, checked for linearizability at the end.
  const history: ClientOp[] = [];
  const puts = new Map<string, ClientOp>();
  const gets = new Map<string, ClientOp>();
  for (const id of ids) {
    const n: SimNode = {
      id,
      raft: null,
      hard: { term: 0, vote: null, commit: 0 },
      log: [],
      offset: { index: 0, term: 0 },
      snap: null,
      readyDue: null,
      pausedUntil: 0,
      lastApplied: 0,
      votes: new Map(),
      kv: new Map(),
      seen: new Set(),
      incarnation: 0,
      reads: [],
      rate: 0.5 + random() / 2,
    };
    nodes.set(id, n);
    start(n);
  }

  const process = (n: SimNode): void => {
    const raft = n.raft!;
    while (raft.hasReady()) {
      const rd = raft.ready();
      if (rd.hardState) {
        if (rd.hardState.commit < n.hard.commit) fail(`${n.id} commit went back from ${n.hard.commit} to ${rd.hardState.commit}`);
        if (rd.hardState.term < n.hard.term) fail(`${n.id} term went back`);
        if (rd.hardState.vote !== null) {
          const before = n.votes.get(rd.hardState.term);
          if (before !== undefined && before !== rd.hardState.vote)
            fail(`${n.id} voted twice in term ${rd.hardState.term}: ${before} and ${rd.hardState.vote}`);
          n.votes.set(rd.hardState.term, rd.hardState.vote);
        }
        n.hard = { ...rd.hardState };
      }
      if (rd.snapshot) {
        const { index, term, data } = rd.snapshot;
        if (index <= n.lastApplied) fail(`${n.id} was sent back to snapshot ${index} after applying ${n.lastApplied}`);
        let kv: [string, string][] = [];
        let seen: string[] = [];
        try {
          ({ kv, seen } = JSON.parse(data) as { kv: [string, string][]; seen: string[] });
        } catch {
          fail(`${n.id} received snapshot ${index} with corrupt data`);
        }
        // State machine safety through snapshots: it must equal replaying the committed entries.
        const expected = new Map<string, string>();
        const ops = new Set<string>();
        for (let i = 1; i <= index; i++) {
          const e = committed.get(i) ?? fail(`${n.id} installed snapshot ${index} but entry ${i} was never committed`);
          if (e.data?.startsWith('{')) {
            const { op, k, v } = JSON.parse(e.data) as { op: string; k: string; v: string };
            if (!ops.has(op)) expected.set(k, v);
            ops.add(op);
          }
        }
        if (JSON.stringify([...expected].sort()) !== JSON.stringify([...kv].sort()))
          fail(`${n.id} installed snapshot ${index} that differs from the committed entries`);
        n.snap = { index, kv, seen };
        stats.snapshots++;
        n.kv = new Map(kv);
        n.seen = new Set(seen);
        n.lastApplied = index;
        n.offset = { index, term, conf: rd.snapshot.conf };
        n.log = [];
      }
      if (rd.entries.length > 0) {
        const pos = rd.entries[0].index - n.offset.index - 1;
        if (pos > n.log.length) fail(`${n.id} persisted a gap at ${rd.entries[0].index}`);
        if (pos < 0) fail(`${n.id} persisted entry ${rd.entries[0].index} inside its compacted log (offset ${n.offset.index})`);
        n.log.length = pos;
        for (const e of rd.entries) n.log.push({ ...e });
      }
      if (rd.role === 'leader') {
        const other = leaderOfTerm.get(raft.term);
        if (other && other !== n.id) fail(`two leaders in term ${raft.term}: ${other} and ${n.id}`);
        if (!other) {
          leaderOfTerm.set(raft.term, n.id);
          if (DEBUG)
            console.log(
              `tick ${tick} leader ${n.id} term ${raft.term} conf ${JSON.stringify(raft.confState().voters)} commit ${raft.commit} last ${raft.lastIndex()}`,
            );
          stats.leaders++;
          for (const [i, e] of committed)
            if (i > raft.logOffset().index && raft.termAt(i) !== e.term) fail(`leader ${n.id} of term ${raft.term} lacks committed entry ${i}`);
        }
      }
      for (const m of rd.messages) send(m);
      for (const e of rd.committed) {
        if (e.index !== n.lastApplied + 1) fail(`${n.id} applied ${e.index} after ${n.lastApplied}`);
        n.lastApplied = e.index;
        const known = committed.get(e.index);
        if (!known) {
          appliedAt.set(e.index, tick);
          committed.set(e.index, { ...e });
          stats.committed++;
        } else if (known.term !== e.term || known.data !== e.data) {
          fail(`${n.id} applied ${JSON.stringify(e)} at ${e.index} where ${JSON.stringify(known)} was applied`);
        }
        if (e.data?.startsWith('{')) {
          const { op, k, v } = JSON.parse(e.data) as { op: string; k: string; v: string };
          if (!n.seen.has(op)) n.kv.set(k, v);
          n.seen.add(op);
          const put = puts.get(op);
          if (put && put.client === n.id && put.incarnation === n.incarnation && put.ret === undefined && tick - put.call <= CLIENT_TIMEOUT) put.ret = tick;
        }
      }
      n.reads.push(...rd.readStates);
      n.reads = n.reads.filter((r) => {
        if (r.index > n.lastApplied) return true;
        const get = gets.get(r.context);
        if (get && get.client === n.id && get.incarnation === n.incarnation && tick - get.call <= CLIENT_TIMEOUT) {
          get.output = n.kv.get(get.key) ?? null;
          get.ret = tick;
        }
        return false;
      });
      raft.advance();
      if (n.lastApplied - n.offset.index >= compactEvery) {
        n.snap = { index: n.lastApplied, kv: [...n.kv], seen: [...n.seen] };
        raft.compact(n.lastApplied - keep);
        n.offset = raft.logOffset();
        n.log = n.log.filter((e) => e.index > n.offset.index);
      }
    }
    n.readyDue = null;
  };

  const send = (m: Message): void => {
    stats.messages++;
    if (random() < o.dropRate && tick < o.chaosTicks) return;
    const copies = random() < o.duplicateRate && tick < o.chaosTicks ? 2 : 1;
    for (let i = 0; i < copies; i++) inflight.push({ at: tick + 1 + Math.floor(random() * o.maxDelay), m });
  };

  /** Where two persisted logs overlap, entries with the same index and term agree on everything before. */
  const checkLogMatching = (): void => {
    const logs = [...nodes.values()].map((n) => new Map(n.log.map((e) => [e.index, e])));
    for (let a = 0; a < logs.length; a++) {
      for (let b = a + 1; b < logs.length; b++) {
        const x = logs[a];
        const y = logs[b];
        const common = [...x.keys()].filter((i) => y.has(i)).sort((p, q) => q - p);
        const last = common.find((i) => x.get(i)!.term === y.get(i)!.term);
        if (last === undefined) continue;
        for (const i of common) {
          if (i > last) continue;
          const [ex, ey] = [x.get(i)!, y.get(i)!];
          if (ex.term !== ey.term || ex.data !== ey.data) fail(`log matching broken at ${i}`);
        }
      }
    }
  };

  const step = (chaos: boolean): void => {
    tick++;
    if (chaos) {
      for (const n of nodes.values()) {
        if (n.raft && random() < o.crashRate) {
          n.raft = null; // unpersisted work and in-flight messages to it are lost
          n.readyDue = null;
          stats.crashes++;
        } else if (!n.raft && random() < 0.05) start(n);
        if (n.raft && random() < o.pauseRate) n.pausedUntil = tick + 1 + Math.floor(random() * 30);
      }
      if (random() < o.partitionRate) {
        stats.partitions++;
        blocked = new Set();
        const kind = random();
        if (kind < 0.3) {
          // heal
        } else {
          const cut = ids[Math.floor(random() * ids.length)];
          const oneWay = kind > 0.8;
          for (const other of ids) {
            if (other === cut) continue;
            blocked.add(`${other}>${cut}`);
            if (!oneWay) blocked.add(`${cut}>${other}`);
          }
        }
      }
    }
    const due = inflight.filter((f) => f.at <= tick);
    inflight = inflight.filter((f) => f.at > tick);
    // Reorder within a delivery round.
    for (let i = due.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [due[i], due[j]] = [due[j], due[i]];
    }
    for (const { m } of due) {
      const n = nodes.get(m.to)!;
      if (!n.raft || blocked.has(`${m.from}>${m.to}`)) continue;
      if (n.pausedUntil > tick) {
        inflight.push({ at: n.pausedUntil, m });
        continue;
      }
      n.raft.step(m);
      n.readyDue ??= tick + (random() < 0.5 ? 0 : 1);
    }
    for (const n of nodes.values()) {
      if (!n.raft || n.pausedUntil > tick) continue;
      if (!chaos || random() < n.rate) n.raft.tick();
      if (random() < o.proposeRate / o.nodes) {
        const op = `p${++proposals}`;
        const key = `k${Math.floor(random() * 3)}`;
        try {
          n.raft.propose(JSON.stringify({ op, k: key, v: op }));
          const put: ClientOp = { client: n.id, key, kind: 'put', value: op, call: tick, incarnation: n.incarnation };
          history.push(put);
          puts.set(op, put);
        } catch (err) {
          if (!(err instanceof NotLeaderError)) throw err;
        }
      }
      if (chaos && n.raft.role === 'leader' && random() < 0.002) {
        const others = n.raft.confState().voters.filter((x) => x !== n.id);
        if (others.length > 0) n.raft.transferLeadership(others[Math.floor(random() * others.length)]);
      }
      if (chaos && n.raft.role === 'leader' && random() < o.confChangeRate) changeMembership(n.raft);
      if (random() < o.readRate / o.nodes) {
        const context = `r${history.length}`;
        const key = `k${Math.floor(random() * 3)}`;
        try {
          n.raft.readIndex(context);
          const get: ClientOp = { client: n.id, key, kind: 'get', call: tick, incarnation: n.incarnation };
          history.push(get);
          gets.set(context, get);
        } catch (err) {
          if (!(err instanceof NotLeaderError)) throw err;
        }
      }
      n.readyDue ??= tick + (random() < 0.5 ? 0 : 1);
      if (n.readyDue <= tick) process(n);
    }
    if (tick % 25 === 0) checkLogMatching();
  };

  /** Promotes a learner, adds a spare as a learner, or removes a voter (maybe the leader itself). */
  const changeMembership = (raft: RaftNode): void => {
    const conf = raft.confState();
    const outside = ids.filter((x) => !conf.voters.includes(x) && !conf.learners.includes(x));
    const r = random();
    let change: ConfChange | undefined;
    if (conf.learners.length > 0 && r < 0.5) change = { type: 'addVoter', id: conf.learners[0] };
    else if (outside.length > 0 && r < 0.75) change = { type: 'addLearner', id: outside[Math.floor(random() * outside.length)] };
    else if (conf.voters.length > 2) change = { type: 'remove', id: conf.voters[Math.floor(random() * conf.voters.length)] };
    if (!change) return;
    try {
      raft.proposeConfChange(change);
      if (DEBUG) console.log(`tick ${tick} leader ${raft.id} term ${raft.term} proposes ${JSON.stringify(change)} at ${raft.lastIndex()}`);
      stats.confChanges++;
    } catch (err) {
      if (!(err instanceof NotLeaderError) && !/in progress/.test((err as Error).message)) throw err;
    }
  };

  try {
    while (tick < o.chaosTicks) step(true);
    // Heal: everyone up, no partition, no pause, no loss. Progress is now required.
    blocked = new Set();
    for (const n of nodes.values()) {
      n.pausedUntil = 0;
      if (!n.raft) start(n);
    }
    const healedAt = tick;
    const target = committed.size;
    // A client retries with each new leader: a leader deposed before committing loses it.
    let proposedIn = -1;
    while (tick < healedAt + o.healTicks) {
      step(false);
      const leader = [...nodes.values()].find((n) => n.raft?.role === 'leader');
      if (leader && leader.raft!.term !== proposedIn) {
        try {
          leader.raft!.propose(`after-heal`);
          proposedIn = leader.raft!.term;
        } catch (err) {
          if (!(err instanceof NotLeaderError)) throw err; // a transfer in progress: retry next tick
        }
      }
      const done = [...committed.values()].some((e) => e.data === 'after-heal') && committed.size > target;
      if (done) break;
    }
    if (![...committed.values()].some((e) => e.data === 'after-heal')) {
      const states = [...nodes.values()].map(
        (n) =>
          `${n.id}:${n.raft?.role}@${n.raft?.term} conf=${JSON.stringify(n.raft?.confState().voters)}/${JSON.stringify(n.raft?.confState().learners)} last=${n.raft?.lastIndex()} commit=${n.raft?.commit}`,
      );
      fail(`no entry committed within ${o.healTicks} ticks after the faults healed (${states.join('; ')})`);
    }
    checkLogMatching();
    const lin = checkKv(history);
    if (lin.undecided) stats.undecided++;
    else if (!lin.ok && DEBUG) {
      const key = lin.key!;
      const order = [...committed.entries()]
        .filter(([, e]) => e.data?.startsWith('{') && (JSON.parse(e.data) as { k: string }).k === key)
        .sort((a, b) => a[0] - b[0]);
      console.log('committed puts:', order.map(([i, e]) => `${i}:${(JSON.parse(e.data!) as { v: string }).v}@${appliedAt.get(i)}`).join(' '));
      console.log(
        'gets:',
        lin
          .operations!.filter((op) => op.kind === 'get' && op.ret !== undefined)
          .map((op) => `${op.client}:${op.output}[${op.call},${op.ret}]`)
          .join(' '),
      );
      console.log(
        'puts acked:',
        lin
          .operations!.filter((op) => op.kind === 'put' && op.ret !== undefined)
          .map((op) => `${op.client}:${op.value}[${op.call},${op.ret}]`)
          .join(' '),
      );
    }
    if (!lin.undecided && !lin.ok) fail(`the clients' history of key ${lin.key} is not linearizable (${lin.operations!.length} operations)`);
    stats.operations = history.length;
    return { seed, ok: true, tick, stats };
  } catch (err) {
    if (err instanceof Violation) return { seed, ok: false, violation: err.message, tick, stats };
    throw err;
  }
}
