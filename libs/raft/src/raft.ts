import { NotLeaderError } from './errors';
import { changed, lastConf, quorumOf } from './membership';
import { Progress } from './progress';
import { SnapshotChunks } from './snapshot-chunks';
import { RaftLog } from './raft-log';
import { ReadOnly } from './read-only';
import { Tally } from './tally';
import { DEFAULTS } from './types';
import type { ConfChange, ConfState, Entry, HardState, Message, Persisted, RaftConfig, ReadState, Ready, Role, Snapshot } from './types';

/**
 * One Raft peer as a pure state machine shaped like etcd's RawNode: driven by tick() and
 * step(), its work collected with ready() and acknowledged with advance(). No timers,
 * clock, I/O or randomness inside. What it covers and how it is proven: docs/design/raft.md.
 */
export class RaftNode {
  readonly id: string;
  private readonly cfg: RaftConfig;
  /** The membership in force (the last configuration in the log), and the index of its entry. */
  private conf: ConfState;
  private confIndex = 0;
  private readonly initialConf: ConfState;

  term = 0;
  vote: string | null = null;
  commit = 0;
  role: Role = 'follower';
  leader: string | null = null;

  private log = new RaftLog();
  /** Entries up to here were handed out to apply. */
  private applied = 0;
  private prevHard: HardState;
  private msgs: Message[] = [];
  private electionElapsed = 0;
  private heartbeatElapsed = 0;
  private randomizedTimeout = 0;
  private votes = new Tally(0, 1); // replaced by each campaign
  private progress = new Map<string, Progress>();
  private pending: { stableTo: number; stableTerm: number; appliedTo: number } | undefined;
  private readStates: ReadState[] = [];
  /** Leader: reads waiting for a quorum's heartbeat acks, and reads waiting for an entry of this term to commit. */
  private readonly reads = new ReadOnly();
  private waitingForTermCommit: { context: string; from: string }[] = [];
  /** Leader: the peer leadership is being handed to, and ticks left before giving up. */
  private transferee: string | null = null;
  private transferTicks = 0;
  /** Follower: a snapshot being received in chunks, and one received but not yet handed out. */
  private readonly incoming = new SnapshotChunks();
  private receivedSnapshot: Snapshot | undefined;

  constructor(config: Pick<RaftConfig, 'id' | 'voters' | 'random'> & Partial<RaftConfig>, persisted?: Persisted, appliedIndex = 0) {
    this.cfg = { ...DEFAULTS, ...config };
    this.id = config.id;
    this.initialConf = { voters: [...this.cfg.voters], learners: [...(this.cfg.learners ?? [])], addresses: { ...this.cfg.addresses } };
    this.conf = this.initialConf;
    if (persisted) {
      this.term = persisted.hardState.term;
      this.vote = persisted.hardState.vote;
      this.commit = persisted.hardState.commit;
      this.log = new RaftLog(persisted.entries, persisted.offset);
      if (this.commit > this.log.lastIndex()) throw new Error(`commit ${this.commit} is past the last persisted entry ${this.log.lastIndex()}`);
      if (appliedIndex < this.log.offset.index) throw new Error(`applied index ${appliedIndex} is before the compacted log (offset ${this.log.offset.index})`);
      this.commit = Math.max(this.commit, this.log.offset.index);
    }
    this.applied = Math.min(appliedIndex, this.commit);
    this.refreshConf();
    this.prevHard = this.hardState();
    this.resetTimeout();
  }

  // ---- the caller's interface -------------------------------------------------------

  tick(): void {
    if (this.role === 'leader') {
      this.heartbeatElapsed++;
      this.electionElapsed++;
      if (this.transferee !== null && --this.transferTicks <= 0) this.transferee = null;
      for (const pr of this.progress.values()) {
        // A snapshot not acknowledged in two election timeouts was lost: probe, and resend.
        if (pr.state === 'snapshot' && ++pr.snapshotTicks >= 2 * this.cfg.electionTick) pr.becomeProbe();
      }
      if (this.electionElapsed >= this.cfg.electionTick) {
        this.electionElapsed = 0;
        if (this.cfg.checkQuorum && !this.quorumActive()) {
          this.becomeFollower(this.term, null);
          return;
        }
      }
      if (this.heartbeatElapsed >= this.cfg.heartbeatTick) {
        this.heartbeatElapsed = 0;
        this.broadcastHeartbeat();
      }
      return;
    }
    this.electionElapsed++;
    if (this.electionElapsed >= this.randomizedTimeout) {
      this.electionElapsed = 0;
      if (this.isVoter(this.id)) this.campaign();
      else this.leader = null; // learners and removed members never campaign; their lease is over
    }
  }

  /**
   * Hands leadership to `to` (§3.10): the leader stops taking proposals, brings `to` up
   * to date, then tells it to start an election at once. Abandoned after an election
   * timeout if `to` does not take over.
   */
  transferLeadership(to: string): void {
    if (this.role !== 'leader') throw new NotLeaderError(this.leader);
    if (to === this.id || !this.isVoter(to)) throw new Error(`cannot transfer leadership to ${to}`);
    this.transferee = to;
    this.transferTicks = this.cfg.electionTick;
    const pr = this.progress.get(to)!;
    if (pr.match === this.lastIndex()) this.send({ type: 'timeoutNow', to, term: this.term });
    else this.sendAppend(to);
  }

  /**
   * Proposes a membership change on the leader. One at a time: throws while the previous
   * change is not committed, and for a change that makes no sense (see membership.ts).
   */
  proposeConfChange(change: ConfChange): void {
    if (this.role !== 'leader' || this.transferee !== null) throw new NotLeaderError(this.leader);
    // One at a time, and not before this leader has committed an entry of its term: a
    // change it inherits uncommitted must not be overtaken (the single-server bug).
    if (this.confIndex > this.commit || this.termAt(this.commit) !== this.term)
      throw new Error('a membership change is still in progress; retry once it is committed');
    const next = changed(this.conf, change);
    this.log.appendConf(this.term, next);
    this.refreshConf();
    this.broadcastAppend();
  }

  /** The membership in force on this node. */
  confState(): ConfState {
    return { voters: [...this.conf.voters], learners: [...this.conf.learners], addresses: { ...this.conf.addresses } };
  }

  /** Appends `data` on the leader, forwards it from a follower, throws when no leader is known. */
  propose(data: string): void {
    if (this.role === 'leader' && this.transferee !== null) throw new NotLeaderError(null);
    if (this.role === 'leader') {
      this.appendEntries([data]);
      return;
    }
    if (this.role === 'follower' && this.leader) {
      this.send({ type: 'prop', to: this.leader, term: 0, entries: [{ term: 0, index: 0, data }] });
      return;
    }
    throw new NotLeaderError(this.leader);
  }

  /**
   * Asks for a linearizable read (ReadIndex, Raft §6.4): once the leader confirms with a
   * quorum that it still leads, a ReadState { context, index } comes out of ready();
   * the read is served after `index` is applied. Forwarded by followers.
   */
  readIndex(context: string): void {
    if (this.role === 'leader') return this.leaderRead(context, this.id);
    if (this.role === 'follower' && this.leader) {
      this.send({ type: 'readIndex', to: this.leader, term: this.term, context });
      return;
    }
    throw new NotLeaderError(this.leader);
  }

  step(m: Message): void {
    if (m.term > this.term) {
      const isVote = m.type === 'vote' || m.type === 'prevote';
      if (isVote && !m.transfer && this.cfg.checkQuorum && this.leader !== null && this.electionElapsed < this.cfg.electionTick) {
        return; // in lease: a leader was heard from recently; do not let a disruptive node in
      }
      if (m.type === 'prevote' || (m.type === 'prevoteResp' && !m.reject)) {
        // A pre-vote (or a grant of one) asks about a future term and changes no term.
      } else {
        const leader = m.type === 'app' || m.type === 'heartbeat' || m.type === 'snap' ? m.from : null;
        this.becomeFollower(m.term, leader);
      }
    } else if (m.term < this.term && m.type !== 'prop') {
      if ((this.cfg.checkQuorum || this.cfg.preVote) && (m.type === 'app' || m.type === 'heartbeat' || m.type === 'snap')) {
        this.send({ type: 'appResp', to: m.from, term: this.term }); // tell a stale leader
      } else if (m.type === 'prevote') {
        this.send({ type: 'prevoteResp', to: m.from, term: this.term, reject: true });
      }
      return;
    }

    switch (m.type) {
      case 'prevote':
      case 'vote':
        return this.handleVoteRequest(m);
      case 'readIndex':
        if (this.role === 'leader' && m.context !== undefined) this.leaderRead(m.context, m.from);
        return;
      case 'readIndexResp':
        if (m.context !== undefined) this.readStates.push({ context: m.context, index: m.index ?? 0 });
        return;
      case 'timeoutNow':
        // Only from the current leader (same term, checked above); skip the pre-vote.
        if (this.role === 'follower') this.becomeCandidate(true);
        return;
      case 'prop':
        if (this.role === 'leader') this.appendEntries((m.entries ?? []).map((e) => e.data));
        else if (this.role === 'follower' && this.leader) this.send({ type: 'prop', to: this.leader, term: 0, entries: m.entries });
        return;
      default:
        break;
    }
    switch (this.role) {
      case 'leader':
        return this.stepLeader(m);
      case 'candidate':
      case 'precandidate':
        return this.stepCandidate(m);
      case 'follower':
        return this.stepFollower(m);
    }
  }

  hasReady(): boolean {
    return (
      this.receivedSnapshot !== undefined ||
      this.msgs.length > 0 ||
      this.log.stable < this.log.lastIndex() ||
      this.hardChanged() ||
      this.applied < this.commit ||
      this.readStates.length > 0
    );
  }

  ready(): Ready {
    const hard = this.hardState();
    const entries = this.log.unstable();
    const snapshot = this.receivedSnapshot;
    const committed = this.log.slice(Math.max(this.applied, snapshot?.index ?? 0) + 1, this.commit);
    const changed = this.hardChanged();
    const rd: Ready = {
      snapshot,
      hardState: changed ? hard : undefined,
      entries,
      mustSync: snapshot !== undefined || entries.length > 0 || hard.term !== this.prevHard.term || hard.vote !== this.prevHard.vote,
      messages: this.msgs,
      committed,
      readStates: this.readStates,
      role: this.role,
      leader: this.leader,
    };
    this.msgs = [];
    this.readStates = [];
    this.receivedSnapshot = undefined;
    this.pending = { stableTo: this.log.lastIndex(), stableTerm: this.log.termAt(this.log.lastIndex()), appliedTo: this.commit };
    this.prevHard = hard;
    return rd;
  }

  /** The last Ready's entries are durable, its messages sent, its committed entries applied. */
  advance(): void {
    if (!this.pending) return;
    this.log.stableTo(this.pending.stableTo, this.pending.stableTerm);
    this.applied = Math.max(this.applied, this.pending.appliedTo, this.log.offset.index);
    this.pending = undefined;
    if (this.role === 'leader' && this.maybeCommit()) this.broadcastAppend();
  }

  lastIndex(): number {
    return this.log.lastIndex();
  }

  /**
   * Drops log entries up to `index` (at most what is applied and durable): the
   * application keeps a snapshot that covers them. A follower that needs them gets the
   * application's snapshot (config.snapshot) instead.
   */
  compact(index: number): void {
    const at = Math.min(index, this.applied, this.log.stable);
    this.log.compact(at, this.confAt(at));
  }

  /** The log entries that are durable (after the compacted part). */
  persistedEntries(): Entry[] {
    return this.log.slice(this.log.firstIndex(), this.log.stable);
  }

  /** The index and term of the last compacted entry. */
  logOffset(): { index: number; term: number } {
    return { ...this.log.offset };
  }

  /** On the leader, the last index each peer is known to hold; empty elsewhere. */
  matchIndexes(): Map<string, number> {
    if (this.role !== 'leader') return new Map();
    return new Map([...this.progress].map(([id, pr]) => [id, pr.match]));
  }

  // ---- roles ------------------------------------------------------------------------

  private becomeFollower(term: number, leader: string | null): void {
    if (term !== this.term) {
      this.term = term;
      this.vote = null;
    }
    this.role = 'follower';
    this.leader = leader;
    this.electionElapsed = 0;
    this.resetTimeout();
    // Reads in flight are dropped; their callers time out and retry.
    this.reads.clear();
    this.waitingForTermCommit = [];
    this.transferee = null;
  }

  private campaign(): void {
    if (this.cfg.preVote) {
      this.role = 'precandidate';
      this.leader = null;
      this.newTally();
      if (this.votes.result() === 'won') return this.becomeCandidate();
      for (const to of this.peers()) this.send({ type: 'prevote', to, term: this.term + 1, index: this.lastIndex(), logTerm: this.termAt(this.lastIndex()) });
      return;
    }
    this.becomeCandidate();
  }

  private becomeCandidate(transfer = false): void {
    this.term++;
    this.vote = this.id;
    this.role = 'candidate';
    this.leader = null;
    this.electionElapsed = 0;
    this.resetTimeout();
    this.newTally();
    if (this.votes.result() === 'won') return this.becomeLeader();
    for (const to of this.peers()) this.send({ type: 'vote', to, term: this.term, index: this.lastIndex(), logTerm: this.termAt(this.lastIndex()), transfer });
  }

  private becomeLeader(): void {
    this.role = 'leader';
    this.leader = this.id;
    this.transferee = null;
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    this.progress = new Map(this.peers().map((p) => [p, new Progress(this.lastIndex())]));
    // An entry of the new term: committing it commits everything before it (Raft §5.4.2).
    this.appendEntries([null]);
  }

  // ---- messages by role -------------------------------------------------------------

  private handleVoteRequest(m: Message): void {
    const pre = m.type === 'prevote';
    const canVote = this.vote === m.from || (this.vote === null && this.leader === null) || (pre && m.term > this.term);
    const upToDate =
      (m.logTerm ?? 0) > this.termAt(this.lastIndex()) || ((m.logTerm ?? 0) === this.termAt(this.lastIndex()) && (m.index ?? 0) >= this.lastIndex());
    if (canVote && upToDate) {
      this.send({ type: pre ? 'prevoteResp' : 'voteResp', to: m.from, term: m.term });
      if (!pre) {
        this.vote = m.from;
        this.electionElapsed = 0;
      }
    } else {
      this.send({ type: pre ? 'prevoteResp' : 'voteResp', to: m.from, term: this.term, reject: true });
    }
  }

  private stepCandidate(m: Message): void {
    if ((m.type === 'voteResp' || m.type === 'prevoteResp') && !this.isVoter(m.from)) return;
    switch (m.type) {
      case 'app':
      case 'heartbeat':
      case 'snap':
        this.becomeFollower(m.term, m.from);
        return this.stepFollower(m);
      case 'prevoteResp':
      case 'voteResp': {
        if ((m.type === 'prevoteResp') !== (this.role === 'precandidate')) return;
        this.votes.record(m.from, !m.reject);
        const result = this.votes.result();
        if (result === 'won') {
          if (this.role === 'precandidate') this.becomeCandidate();
          else this.becomeLeader();
        } else if (result === 'lost') {
          this.becomeFollower(this.term, null);
        }
        return;
      }
      default:
        return;
    }
  }

  private stepFollower(m: Message): void {
    switch (m.type) {
      case 'app':
        this.electionElapsed = 0;
        this.leader = m.from;
        return this.handleAppend(m);
      case 'snap':
        this.electionElapsed = 0;
        this.leader = m.from;
        return this.handleSnapshot(m);
      case 'heartbeat':
        this.electionElapsed = 0;
        this.leader = m.from;
        this.commit = Math.max(this.commit, Math.min(m.commit ?? 0, this.lastIndex()));
        this.send({ type: 'heartbeatResp', to: m.from, term: this.term, context: m.context });
        return;
      default:
        return;
    }
  }

  private stepLeader(m: Message): void {
    const pr = this.progress.get(m.from);
    if (!pr) return;
    switch (m.type) {
      case 'appResp': {
        pr.recentActive = true;
        if (m.reject) {
          let hint = m.rejectHint ?? 0;
          if ((m.logTerm ?? 0) > 0) hint = this.log.findConflictByTerm(hint, m.logTerm ?? 0);
          if (pr.maybeDecrTo(m.index ?? 0, hint)) this.sendAppend(m.from);
          return;
        }
        if (pr.maybeUpdate(m.index ?? 0)) {
          if (pr.state === 'probe' || (pr.state === 'snapshot' && pr.match >= pr.pendingSnapshot)) pr.becomeReplicate();
          if (this.maybeCommit()) this.broadcastAppend();
        }
        if (pr.match < this.lastIndex()) this.sendAppend(m.from);
        else if (m.from === this.transferee) this.send({ type: 'timeoutNow', to: m.from, term: this.term });
        return;
      }
      case 'heartbeatResp':
        if (m.context !== undefined && this.isVoter(m.from)) this.ackRead(m.context, m.from);
        pr.recentActive = true;
        pr.probeSent = false;
        // Appends in the window may have been lost: free one slot so replication resumes
        // (the follower rejects a gap, which moves the progress back to probe).
        if (pr.state === 'replicate' && pr.paused(this.cfg.maxInflight, this.cfg.maxInflightBytes)) pr.freeOne();
        if (pr.match < this.lastIndex()) this.sendAppend(m.from);
        return;
      default:
        return;
    }
  }

  // ---- log replication --------------------------------------------------------------

  private appendEntries(data: (string | null)[]): void {
    this.log.appendNew(this.term, data);
    this.broadcastAppend();
  }

  private broadcastAppend(): void {
    for (const p of this.peers()) this.sendAppend(p);
  }

  private broadcastHeartbeat(): void {
    for (const p of this.peers()) {
      const pr = this.progress.get(p)!;
      this.send({ type: 'heartbeat', to: p, term: this.term, commit: Math.min(pr.match, this.commit) });
    }
  }

  private sendAppend(to: string): void {
    const pr = this.progress.get(to)!;
    if (pr.paused(this.cfg.maxInflight, this.cfg.maxInflightBytes)) return;
    const prev = pr.next - 1;
    if (prev < this.log.offset.index) return this.sendSnapshot(to, pr);
    const entries = this.limitBytes(this.log.slice(prev + 1, prev + this.cfg.maxEntriesPerMessage));
    this.send({ type: 'app', to, term: this.term, index: prev, logTerm: this.termAt(prev), entries, commit: this.commit });
    if (pr.state === 'replicate') {
      if (entries.length > 0) {
        const last = entries[entries.length - 1].index;
        pr.next = last + 1;
        pr.sent(
          last,
          entries.reduce((n, e) => n + entryBytes(e), 0),
        );
      }
    } else {
      pr.probeSent = true;
    }
  }

  /** Entries up to maxMessageBytes of data (always at least one, however large). */
  private limitBytes(entries: Entry[]): Entry[] {
    let bytes = 0;
    for (let i = 0; i < entries.length; i++) {
      bytes += entryBytes(entries[i]);
      if (bytes > this.cfg.maxMessageBytes && i > 0) return entries.slice(0, i);
    }
    return entries;
  }

  /** The follower's next entry was compacted away: send the application's state, in chunks. */
  private sendSnapshot(to: string, pr: Progress): void {
    const snap = this.cfg.snapshot?.();
    if (!snap) return;
    const term = this.termAt(snap.index);
    if (term < 0 || snap.index < this.log.offset.index) return;
    const size = this.cfg.maxSnapshotChunk;
    for (let offset = 0; offset === 0 || offset < snap.data.length; offset += size) {
      const data = snap.data.slice(offset, offset + size);
      const done = offset + size >= snap.data.length;
      this.send({
        type: 'snap',
        to,
        term: this.term,
        snapshot: { index: snap.index, term, offset, data, done, conf: done ? this.confAt(snap.index) : undefined },
      });
    }
    pr.becomeSnapshot(snap.index);
  }

  /** A chunk of InstallSnapshot, in any order; the snapshot is used once every chunk is here. */
  private handleSnapshot(m: Message): void {
    const s = this.incoming.add(m.snapshot!);
    if (!s) return;
    if (s.index <= this.commit) {
      this.send({ type: 'appResp', to: m.from, term: this.term, index: this.commit });
      return;
    }
    if (this.termAt(s.index) === s.term) {
      this.commit = s.index; // the log already holds it: no need to restore
    } else {
      this.log.restore({ index: s.index, term: s.term, conf: s.conf });
      this.refreshConf();
      this.commit = s.index;
      this.receivedSnapshot = s;
    }
    this.send({ type: 'appResp', to: m.from, term: this.term, index: s.index });
  }

  private handleAppend(m: Message): void {
    const prev = m.index ?? 0;
    if (prev < this.commit) {
      this.send({ type: 'appResp', to: m.from, term: this.term, index: this.commit });
      return;
    }
    if (this.termAt(prev) === (m.logTerm ?? 0) && prev <= this.lastIndex()) {
      const entries = m.entries ?? [];
      const cut = this.log.merge(entries, this.commit);
      if (cut <= this.confIndex || entries.some((e) => e.conf)) this.refreshConf();
      const lastNew = prev + entries.length;
      this.commit = Math.max(this.commit, Math.min(m.commit ?? 0, lastNew));
      this.send({ type: 'appResp', to: m.from, term: this.term, index: lastNew });
      return;
    }
    const hintIndex = Math.min(prev, this.lastIndex());
    const hint = this.log.findConflictByTerm(hintIndex, m.logTerm ?? 0);
    this.send({ type: 'appResp', to: m.from, term: this.term, index: prev, reject: true, rejectHint: hint, logTerm: this.termAt(hint) });
  }

  private maybeCommit(): boolean {
    const matches = this.conf.voters.map((v) => (v === this.id ? this.log.stable : (this.progress.get(v)?.match ?? 0))).sort((a, b) => b - a);
    const candidate = matches[this.quorumSize() - 1] ?? 0;
    if (candidate > this.commit && this.termAt(candidate) === this.term) {
      this.commit = candidate;
      if (!this.isVoter(this.id) && this.confIndex <= this.commit) {
        // Its own removal is committed: it leads no more (and, not a voter, never campaigns).
        this.becomeFollower(this.term, null);
        return false;
      }
      const waiting = this.waitingForTermCommit;
      this.waitingForTermCommit = [];
      for (const r of waiting) this.leaderRead(r.context, r.from);
      return true;
    }
    return false;
  }

  // ---- linearizable reads (ReadIndex) -------------------------------------------------

  private leaderRead(context: string, from: string): void {
    // Until an entry of its term commits, a new leader may not know the commit index.
    if (this.termAt(this.commit) !== this.term) {
      this.waitingForTermCommit.push({ context, from });
      return;
    }
    this.reads.add({ context, from, index: this.commit });
    if (this.quorumSize() === 1 && this.isVoter(this.id)) return this.ackRead(context, this.id);
    for (const p of this.peers()) {
      const pr = this.progress.get(p)!;
      this.send({ type: 'heartbeat', to: p, term: this.term, commit: Math.min(pr.match, this.commit), context });
    }
  }

  /** A heartbeat ack for `context`; a quorum releases it and every read queued before it. */
  private ackRead(context: string, from: string): void {
    for (const r of this.reads.ack(context, from, this.isVoter(this.id) ? this.id : null, this.quorumSize())) {
      if (r.from === this.id) this.readStates.push({ context: r.context, index: r.index });
      else this.send({ type: 'readIndexResp', to: r.from, term: this.term, context: r.context, index: r.index });
    }
  }

  // ---- helpers ----------------------------------------------------------------------

  private newTally(): void {
    this.votes = new Tally(this.conf.voters.length, this.quorumSize());
    if (this.isVoter(this.id)) this.votes.record(this.id, true);
  }

  private quorumActive(): boolean {
    let active = this.isVoter(this.id) ? 1 : 0;
    for (const [id, pr] of this.progress) {
      if (pr.recentActive && this.isVoter(id)) active++;
      pr.recentActive = false;
    }
    return active >= this.quorumSize();
  }

  /** Every other member, voters and learners. */
  private peers(): string[] {
    return [...this.conf.voters, ...this.conf.learners].filter((v) => v !== this.id);
  }

  private isVoter(id: string): boolean {
    return this.conf.voters.includes(id);
  }

  private quorumSize(): number {
    return quorumOf(this.conf);
  }

  /** Recomputes the membership from the log; a leader starts or stops replicating to members accordingly. */
  private refreshConf(): void {
    const base = this.log.offset.conf ?? this.initialConf;
    const { conf, index } = lastConf(this.log.slice(this.log.firstIndex(), this.log.lastIndex()), base);
    this.conf = conf;
    this.confIndex = index || this.log.offset.index;
    if (this.role !== 'leader') return;
    for (const p of this.peers()) if (!this.progress.has(p)) this.progress.set(p, new Progress(this.lastIndex()));
    for (const id of [...this.progress.keys()]) if (!this.peers().includes(id)) this.progress.delete(id);
  }

  /** The membership in force at `index` (for a snapshot or a compaction point). */
  private confAt(index: number): ConfState {
    return lastConf(this.log.slice(this.log.firstIndex(), index), this.log.offset.conf ?? this.initialConf).conf;
  }

  termAt(index: number): number {
    return this.log.termAt(index);
  }

  private send(m: Omit<Message, 'from'>): void {
    this.msgs.push({ ...m, from: this.id });
  }

  private hardState(): HardState {
    return { term: this.term, vote: this.vote, commit: this.commit };
  }

  private hardChanged(): boolean {
    return this.term !== this.prevHard.term || this.vote !== this.prevHard.vote || this.commit !== this.prevHard.commit;
  }

  private resetTimeout(): void {
    this.randomizedTimeout = this.cfg.electionTick + Math.floor(this.cfg.random() * this.cfg.electionTick);
  }
}

/** An entry's size for flow control: its data (UTF-16 length, close enough to bytes) and a little framing. */
const entryBytes = (e: Entry): number => (e.data?.length ?? 0) + 16;
