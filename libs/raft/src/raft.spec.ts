import { NotLeaderError } from './errors';
import { RaftNode } from './raft';
import type { Message } from './types';

/** A tiny synchronous harness: persist everything at once, deliver every message. */
class Group {
  readonly nodes = new Map<string, RaftNode>();
  readonly applied = new Map<string, string[]>();
  readonly reads = new Map<string, { context: string; index: number }[]>();
  readonly persisted = new Map<
    string,
    { hardState: { term: number; vote: string | null; commit: number }; entries: { term: number; index: number; data: string | null }[] }
  >();
  cut = new Set<string>();

  constructor(readonly ids: string[]) {
    for (const id of ids) this.start(id);
  }

  start(id: string, joining = false): void {
    let s = ids(id);
    const voters = joining ? [] : this.ids;
    this.nodes.set(id, new RaftNode({ id, voters, random: () => (s = (s * 9301 + 49297) % 233280) / 233280 }, this.persisted.get(id)));
    this.applied.set(id, []);
  }

  crash(id: string): void {
    this.nodes.delete(id);
  }

  run(ticks: number, tickWho: string[] = [...this.nodes.keys()]): void {
    for (let t = 0; t < ticks; t++) {
      for (const id of tickWho) this.nodes.get(id)?.tick();
      this.flush();
    }
  }

  flush(): void {
    let queue: Message[] = [];
    do {
      for (const [id, n] of this.nodes) {
        while (n.hasReady()) {
          const rd = n.ready();
          const p = this.persisted.get(id) ?? { hardState: { term: 0, vote: null, commit: 0 }, entries: [] };
          if (rd.hardState) p.hardState = { ...rd.hardState };
          if (rd.entries.length) p.entries = [...p.entries.slice(0, rd.entries[0].index - 1), ...rd.entries.map((e) => ({ ...e }))];
          this.persisted.set(id, p);
          queue.push(...rd.messages);
          for (const e of rd.committed) if (e.data !== null) this.applied.get(id)!.push(e.data);
          this.reads.set(id, [...(this.reads.get(id) ?? []), ...rd.readStates]);
          n.advance();
        }
      }
      const batch = queue;
      queue = [];
      for (const m of batch) if (!this.cut.has(m.from) && !this.cut.has(m.to)) this.nodes.get(m.to)?.step(m);
    } while ([...this.nodes.values()].some((n) => n.hasReady()));
  }

  leader(): RaftNode | undefined {
    return [...this.nodes.values()].find((n) => n.role === 'leader');
  }
}

const ids = (id: string) => id.charCodeAt(id.length - 1) * 7919;

describe('RaftNode', () => {
  it('a single voter elects itself and commits once its entry is durable', () => {
    const g = new Group(['a']);
    g.run(30);
    expect(g.leader()?.id).toBe('a');
    g.leader()!.propose('x');
    g.flush();
    expect(g.applied.get('a')).toEqual(['x']);
  });

  it('three voters elect one leader and replicate proposals to all, in order', () => {
    const g = new Group(['a', 'b', 'c']);
    g.run(40);
    const leader = g.leader()!;
    expect([...g.nodes.values()].filter((n) => n.role === 'leader')).toHaveLength(1);
    for (const v of ['1', '2', '3']) leader.propose(v);
    g.run(3);
    for (const id of ['a', 'b', 'c']) expect(g.applied.get(id)).toEqual(['1', '2', '3']);
  });

  it('forwards a proposal from a follower to the leader; refuses one when no leader is known', () => {
    const g = new Group(['a', 'b', 'c']);
    expect(() => g.nodes.get('a')!.propose('early')).toThrow(NotLeaderError);
    g.run(40);
    const follower = [...g.nodes.values()].find((n) => n.role === 'follower')!;
    follower.propose('via-follower');
    g.run(3);
    expect(g.applied.get(follower.id)).toEqual(['via-follower']);
  });

  it('a leader cut off from its quorum steps down (CheckQuorum) and the others elect a new one', () => {
    const g = new Group(['a', 'b', 'c']);
    g.run(40);
    const old = g.leader()!;
    g.cut.add(old.id);
    g.run(60);
    expect(old.role).not.toBe('leader');
    const fresh = [...g.nodes.values()].find((n) => n.role === 'leader')!;
    expect(fresh.id).not.toBe(old.id);
    expect(fresh.term).toBeGreaterThan(old.term);
  });

  it('a node isolated and campaigning does not disrupt the leader when it returns (PreVote)', () => {
    const g = new Group(['a', 'b', 'c']);
    g.run(40);
    const leader = g.leader()!;
    const term = leader.term;
    const lonely = [...g.nodes.values()].find((n) => n.role === 'follower')!;
    g.cut.add(lonely.id);
    g.run(100);
    expect(lonely.term).toBe(term); // pre-votes fail, so its term does not grow
    g.cut.clear();
    g.run(5);
    expect(leader.role).toBe('leader');
    expect(leader.term).toBe(term);
  });

  it('remembers its vote and log across a restart', () => {
    const g = new Group(['a', 'b', 'c']);
    g.run(40);
    g.leader()!.propose('kept');
    g.run(3);
    const follower = [...g.nodes.values()].find((n) => n.role === 'follower')!;
    const before = { term: follower.term, vote: follower.vote, last: follower.lastIndex() };
    g.crash(follower.id);
    g.start(follower.id);
    const back = g.nodes.get(follower.id)!;
    expect({ term: back.term, vote: back.vote, last: back.lastIndex() }).toEqual(before);
  });

  it('refuses to start from a persisted log with a hole', () => {
    expect(
      () =>
        new RaftNode(
          { id: 'a', voters: ['a'], random: () => 0.5 },
          {
            hardState: { term: 1, vote: 'a', commit: 0 },
            entries: [
              { term: 1, index: 1, data: null },
              { term: 1, index: 3, data: 'x' },
            ],
          },
        ),
    ).toThrow(/index 3 at position 2/);
  });

  it('never commits an entry of an earlier term by counting replicas (Raft figure 8), only through one of its own term', () => {
    const voters = ['a', 'b', 'c', 'd', 'e'];
    const a = new RaftNode(
      { id: 'a', voters, random: () => 0 },
      {
        hardState: { term: 3, vote: null, commit: 1 },
        entries: [
          { term: 1, index: 1, data: 'one' },
          { term: 2, index: 2, data: 'old' },
        ],
      },
    );
    const drain = () => {
      const out: Message[] = [];
      while (a.hasReady()) {
        out.push(...a.ready().messages);
        a.advance();
      }
      return out;
    };
    for (let i = 0; i < 10 && a.role === 'follower'; i++) a.tick();
    drain();
    for (const from of ['b', 'c']) a.step({ type: 'prevoteResp', from, to: 'a', term: 4 });
    drain();
    for (const from of ['b', 'c']) a.step({ type: 'voteResp', from, to: 'a', term: 4 });
    drain();
    expect(a.role).toBe('leader');
    expect(a.term).toBe(4);
    expect(a.lastIndex()).toBe(3); // its empty entry of term 4

    // b and c acknowledge the term-2 entry only: it is on a majority (a, b, c) but must not commit.
    for (const from of ['b', 'c']) a.step({ type: 'appResp', from, to: 'a', term: 4, index: 2 });
    drain();
    expect(a.commit).toBe(1);
    // Once the term-4 entry is on a majority, both commit.
    for (const from of ['b', 'c']) a.step({ type: 'appResp', from, to: 'a', term: 4, index: 3 });
    drain();
    expect(a.commit).toBe(3);
  });

  describe('ReadIndex', () => {
    it('confirms a read on the leader at its commit index, after a quorum acknowledges it still leads', () => {
      const g = new Group(['a', 'b', 'c']);
      g.run(40);
      const leader = g.leader()!;
      leader.propose('x');
      g.flush();
      leader.readIndex('r1');
      g.flush();
      expect(g.reads.get(leader.id)).toEqual([{ context: 'r1', index: leader.commit }]);
    });

    it('forwards a read from a follower and answers it there', () => {
      const g = new Group(['a', 'b', 'c']);
      g.run(40);
      g.leader()!.propose('x');
      g.flush();
      const follower = [...g.nodes.values()].find((n) => n.role === 'follower')!;
      follower.readIndex('f1');
      g.flush();
      expect(g.reads.get(follower.id)).toEqual([{ context: 'f1', index: g.leader()!.commit }]);
    });

    it('never confirms a read on a leader cut off from its quorum', () => {
      const g = new Group(['a', 'b', 'c']);
      g.run(40);
      const leader = g.leader()!;
      g.cut.add(leader.id);
      leader.readIndex('stale?');
      g.run(5, [leader.id]);
      expect(g.reads.get(leader.id) ?? []).toEqual([]);
    });
  });

  it('hands leadership to a chosen follower, which takes over in the next term with the whole log', () => {
    const g = new Group(['a', 'b', 'c']);
    g.run(40);
    const old = g.leader()!;
    old.propose('before');
    g.flush();
    const successor = [...g.nodes.values()].find((n) => n.role === 'follower')!;
    old.transferLeadership(successor.id);
    expect(() => old.propose('during')).toThrow(NotLeaderError);
    g.flush();
    expect(successor.role).toBe('leader');
    expect(successor.term).toBe(old.term);
    expect(old.role).toBe('follower');
    successor.propose('after');
    g.run(3);
    for (const id of g.ids) expect(g.applied.get(id)).toEqual(['before', 'after']);
  });

  describe('membership changes', () => {
    it('adds a learner that receives the log but neither votes nor counts towards a commit, then promotes it', () => {
      const g = new Group(['a', 'b', 'c']);
      g.run(40);
      const leader = g.leader()!;
      g.start('d', true);
      leader.proposeConfChange({ type: 'addLearner', id: 'd', address: 'd:1' });
      leader.propose('x');
      g.run(5);
      expect(g.applied.get('d')).toEqual(['x']);
      expect(g.nodes.get('d')!.confState()).toEqual({ voters: ['a', 'b', 'c'], learners: ['d'], addresses: { d: 'd:1' } });
      // With both other voters cut off, the leader and the learner are not a quorum.
      const others = ['a', 'b', 'c'].filter((x) => x !== leader.id);
      for (const o of others) g.cut.add(o);
      leader.propose('y');
      g.run(3, [leader.id]);
      expect(g.applied.get('d')).toEqual(['x']);
      g.cut.clear();
      g.run(5);
      expect(g.applied.get('d')).toEqual(['x', 'y']);
      g.leader()!.proposeConfChange({ type: 'addVoter', id: 'd' });
      g.run(5);
      expect(g.leader()!.confState().voters).toEqual(['a', 'b', 'c', 'd']);
    });

    it('takes one change at a time and refuses changes that make no sense', () => {
      const g = new Group(['a', 'b', 'c']);
      g.run(40);
      const leader = g.leader()!;
      expect(() => leader.proposeConfChange({ type: 'addLearner', id: 'b' })).toThrow(/already a member/);
      expect(() => leader.proposeConfChange({ type: 'remove', id: 'zz' })).toThrow(/not a member/);
      leader.proposeConfChange({ type: 'addLearner', id: 'd' });
      expect(() => leader.proposeConfChange({ type: 'addLearner', id: 'e' })).toThrow(/in progress/);
      const follower = [...g.nodes.values()].find((n) => n.role === 'follower')!;
      expect(() => follower.proposeConfChange({ type: 'addLearner', id: 'e' })).toThrow(NotLeaderError);
    });

    it('a leader that removes itself steps down once the change commits, and never campaigns again', () => {
      const g = new Group(['a', 'b', 'c']);
      g.run(40);
      const old = g.leader()!;
      old.proposeConfChange({ type: 'remove', id: old.id });
      g.run(100);
      const fresh = g.leader()!;
      expect(fresh.id).not.toBe(old.id);
      expect(fresh.confState().voters).not.toContain(old.id);
      expect(old.role).toBe('follower');
      fresh.propose('after');
      g.run(5);
      expect(g.applied.get(fresh.id)).toContain('after');
      expect(g.applied.get(old.id)).not.toContain('after'); // it no longer receives the log
    });
  });

  it('bounds append messages and the replication window by bytes as well as by count', () => {
    const a = new RaftNode({ id: 'a', voters: ['a', 'b'], random: () => 0, preVote: false, maxMessageBytes: 100, maxInflightBytes: 150 });
    for (let i = 0; i < 20 && a.role !== 'candidate'; i++) a.tick();
    a.ready();
    a.advance();
    a.step({ type: 'voteResp', from: 'b', to: 'a', term: a.term });
    a.ready();
    a.advance();
    a.step({ type: 'appResp', from: 'b', to: 'a', term: a.term, index: a.lastIndex() }); // b holds the empty entry: replicate
    a.ready();
    a.advance();
    for (let i = 0; i < 6; i++) a.propose('x'.repeat(40)); // 56 bytes each with framing
    const appends = a.ready().messages.filter((m) => m.type === 'app' && (m.entries?.length ?? 0) > 0);
    // One entry per message (two would pass 100 bytes), and the window closes after 150 bytes (3 messages).
    expect(appends.map((m) => m.entries!.length)).toEqual([1, 1, 1]);
    a.advance();
    // b acknowledges those three: the three entries still waiting go out, at most 100 bytes per message.
    a.step({ type: 'appResp', from: 'b', to: 'a', term: a.term, index: appends[2].entries![0].index });
    const next = a.ready().messages.filter((m) => m.type === 'app' && (m.entries?.length ?? 0) > 0);
    expect(next.length).toBeGreaterThan(0);
    expect(next.every((m) => m.entries!.length === 1)).toBe(true);
  });

  it('does not count as durable the entries that replaced persisted ones between ready() and advance()', () => {
    const b = new RaftNode({ id: 'b', voters: ['a', 'b', 'c'], random: () => 0 });
    b.step({
      type: 'app',
      from: 'a',
      to: 'b',
      term: 1,
      index: 0,
      logTerm: 0,
      entries: [1, 2, 3].map((i) => ({ term: 1, index: i, data: `a${i}` })),
      commit: 0,
    });
    expect(b.ready().entries.map((e) => e.index)).toEqual([1, 2, 3]); // being written...
    // ...when a new leader's conflicting entries arrive (the application is still awaiting its write).
    b.step({ type: 'app', from: 'c', to: 'b', term: 2, index: 1, logTerm: 1, entries: [2, 3].map((i) => ({ term: 2, index: i, data: `c${i}` })), commit: 0 });
    b.advance();
    // The new entries are persisted with the next Ready (writing entry 1 again is harmless).
    expect(b.ready().entries.map((e) => `${e.index}:${e.data}`)).toEqual(expect.arrayContaining(['2:c2', '3:c3']));
  });
});
