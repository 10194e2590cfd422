import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { NotLeaderError, RaftNode } from '@shoal/raft';
import type { ConfChange, Entry, HardState, LogOffset, Message, Role, Snapshot } from '@shoal/raft';
import { Wal } from '@shoal/raft-storage';
import { ShoalError, notFound } from '../common/errors';
import { PeerTransport } from './peer-transport';

export interface RaftHostOptions {
  id: string;
  /**
   * The voting members a new cluster starts with, this one included: id → cluster
   * address. Empty for a manager joining an existing cluster (it learns the members
   * from the leader's log); `known` then gives the addresses it was told.
   */
  members: ReadonlyMap<string, string>;
  known?: ReadonlyMap<string, string>;
  secret?: string;
  /** The manager's data folder; the log lives in `raft/`. */
  dataDir: string;
  tickMs: number;
  electionTicks: number;
  /** The state machine's applied index as loaded from disk. */
  appliedIndex: number;
  /** Applies committed entries durably, in order; a rejection is fatal. */
  apply(entries: Entry[]): Promise<void>;
  /** The application's state at its applied index, for a follower too far behind the log. */
  snapshot(): { index: number; data: string };
  /** Replaces the application's state by a leader's snapshot, durably. */
  restore(snapshot: Snapshot): Promise<void>;
  /** The last snapshot installed from a leader, as the application persisted it. */
  installedSnapshot?: LogOffset;
  /** Makes the applied state durable: the log entries behind it are about to be dropped. */
  checkpoint(): Promise<void>;
  /** Compact the log when it holds this many applied entries... */
  compactAfter: number;
  /** ...keeping this many of them for followers that are a little behind. */
  trailingEntries: number;
}

export interface MemberStatus {
  id: string;
  address: string;
  role: 'LEADER' | 'FOLLOWER' | 'LEARNER';
  reachable: boolean;
  /** What the leader knows this member holds; null when this manager is not the leader. */
  matchIndex: number | null;
}

export interface RaftStatus {
  id: string;
  role: Role;
  leader: string | null;
  term: number;
  commitIndex: number;
  appliedIndex: number;
  /** The oldest entry the log still holds; earlier ones were compacted into a snapshot. */
  firstIndex: number;
  lastIndex: number;
  members: MemberStatus[];
}

interface PendingRead {
  resolve: (ok: boolean) => void;
  timer: NodeJS.Timeout;
  index?: number;
}

const READ_ATTEMPT_MS = 1000;

/**
 * Runs a RaftNode in this process: ticks it on a timer, feeds it peer messages, and
 * carries out each Ready in the order the contract demands — hard state and entries
 * written to the WAL (fsync when required), then messages sent, then committed entries
 * applied, then advance(). Tells listeners when this manager starts and stops leading:
 * it leads once an entry of its own term is applied, so its store is up to date.
 */
export class RaftHost {
  private readonly log = new Logger('Raft');
  readonly node: RaftNode;
  readonly transport: PeerTransport;
  private readonly wal: Wal;
  private timer: NodeJS.Timeout | undefined;
  private scheduled = false;
  private processing = false;
  private applied: number;
  private role: Role = 'follower';
  private termStart = 0;
  private leaderTerm = 0;
  private leading = false;
  private readonly leadingListeners = new Set<(leading: boolean) => void>();
  private readonly reads = new Map<string, PendingRead>();
  private readSeq = 0;
  /** The hard state as last written to the WAL. */
  private savedHard: HardState;

  constructor(private readonly o: RaftHostOptions) {
    const { wal, recovered } = Wal.open(join(o.dataDir, 'raft'));
    if (recovered.truncatedBytes > 0) this.log.warn(`cut ${recovered.truncatedBytes} bytes of a torn write off the end of the Raft log`);
    let { hardState, entries, offset } = recovered;
    const installed = o.installedSnapshot;
    if (installed && installed.index > offset.index && entries.find((e) => e.index === installed.index)?.term !== installed.term) {
      // A crash after a leader's snapshot reached the state database but before the log
      // was reset to it: finish the reset now.
      hardState = { ...hardState, commit: Math.max(hardState.commit, installed.index) };
      wal.rewrite(installed, hardState, []);
      [entries, offset] = [[], installed];
    }
    if (offset.index === 0 && entries.length === 0 && o.appliedIndex > 0) {
      wal.close();
      throw new Error(`the state database is at index ${o.appliedIndex} but the Raft log is empty: this data folder predates Raft; start from an empty one`);
    }
    this.wal = wal;
    this.savedHard = hardState;
    this.applied = o.appliedIndex;
    this.node = new RaftNode(
      {
        id: o.id,
        voters: [...o.members.keys()],
        addresses: Object.fromEntries(o.members.size > 0 ? o.members : (o.known ?? new Map<string, string>())),
        random: Math.random,
        electionTick: o.electionTicks,
        heartbeatTick: 1,
        snapshot: () => o.snapshot(),
      },
      { hardState, entries, offset },
      o.appliedIndex,
    );
    this.transport = new PeerTransport(
      o.id,
      () => this.addresses(),
      o.secret,
      (m) => this.step(m),
    );
  }

  start(): void {
    this.timer = setInterval(() => {
      this.node.tick();
      this.promoteLearners();
      this.schedule();
    }, this.o.tickMs);
    this.schedule();
  }

  stop(): void {
    clearInterval(this.timer);
    this.transport.close();
    for (const r of this.reads.values()) clearTimeout(r.timer);
    this.reads.clear();
    this.wal.close();
  }

  /** Appends on the leader or forwards to it; throws NotLeaderError when no leader is known. */
  propose(data: string): void {
    this.node.propose(data);
    this.schedule();
  }

  /**
   * Resolves once this manager's state includes every write acknowledged before the call
   * (ReadIndex); rejects with UNAVAILABLE when no leader confirms in time.
   */
  async readBarrier(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const context = `${this.o.id}/${++this.readSeq}`;
      try {
        this.node.readIndex(context);
      } catch (err) {
        if (!(err instanceof NotLeaderError)) throw err;
        await sleep(Math.min(50, this.o.tickMs));
        continue;
      }
      this.schedule();
      const ok = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(
          () => {
            this.reads.delete(context);
            resolve(false);
          },
          Math.max(1, Math.min(READ_ATTEMPT_MS, deadline - Date.now())),
        );
        this.reads.set(context, { resolve, timer });
      });
      if (ok) return;
    }
    throw new ShoalError(
      'UNAVAILABLE',
      'no Raft leader confirmed this read in time: the managers have no quorum; retry, or read with Shoal-Consistency: stale',
    );
  }

  isLeading(): boolean {
    return this.leading;
  }

  onLeading(listener: (leading: boolean) => void): () => void {
    this.leadingListeners.add(listener);
    return () => this.leadingListeners.delete(listener);
  }

  /** This manager's member id. */
  get memberId(): string {
    return this.o.id;
  }

  /** The Raft secret managers of this cluster share. */
  get secret(): string | undefined {
    return this.o.secret;
  }

  /** The cluster address of the current leader, when one is known. */
  leaderAddress(): string | null {
    const leader = this.node.leader;
    return leader ? (this.addresses().get(leader) ?? null) : null;
  }

  /** The voting members' cluster addresses, the leader's first (what agents reconnect through). */
  managerAddresses(): string[] {
    const conf = this.node.confState();
    const addresses = this.addresses();
    const leader = this.node.leader;
    const ordered = [...conf.voters].sort((a, b) => (a === leader ? -1 : b === leader ? 1 : a < b ? -1 : a > b ? 1 : 0));
    return ordered.map((id) => addresses.get(id)).filter((a): a is string => !!a);
  }

  /** Every member's cluster address, from the configuration in force. */
  addresses(): Map<string, string> {
    return new Map(Object.entries(this.node.confState().addresses ?? {}));
  }

  /** On the leader: a membership change (see libs/raft membership.ts for what is refused). */
  proposeConfChange(change: ConfChange): void {
    this.node.proposeConfChange(change);
    this.schedule();
  }

  /**
   * Removes a manager from the cluster (on the leader). Refused when the voters left that
   * this leader can reach would be fewer than their quorum, unless `force`.
   */
  removeMember(id: string, force: boolean): void {
    if (!this.isLeading())
      throw new ShoalError('UNAVAILABLE', `membership changes are made by the leader (${this.node.leader ?? 'none elected yet'}); send this to it`);
    const conf = this.node.confState();
    if (!conf.voters.includes(id) && !conf.learners.includes(id)) throw notFound('manager', id);
    const voters = conf.voters.filter((v) => v !== id);
    const reachable = this.status().members.filter((m) => m.reachable && voters.includes(m.id)).length;
    const quorum = Math.floor(voters.length / 2) + 1;
    if (!force && conf.voters.includes(id) && reachable < quorum) {
      throw new ShoalError(
        'CONFLICT',
        `removing ${id} would leave ${reachable} reachable of ${voters.length} voters, fewer than their quorum of ${quorum}: the cluster would stop; pass force: true to remove it anyway`,
      );
    }
    try {
      this.node.proposeConfChange({ type: 'remove', id });
    } catch (err) {
      throw new ShoalError('CONFLICT', (err as Error).message);
    }
    this.log.log(`removing manager ${id}`);
    this.schedule();
  }

  /** Hands leadership to another voter (before maintenance on this manager); the new leader takes over within a round trip or two. */
  transferLeadership(to: string): void {
    if (!this.isLeading())
      throw new ShoalError('UNAVAILABLE', `only the leader (${this.node.leader ?? 'none elected yet'}) can hand leadership over; send this to it`);
    if (!this.node.confState().voters.includes(to) || to === this.o.id) throw new ShoalError('BAD_USER_INPUT', `to: ${to} is not another voting manager`, 'to');
    this.node.transferLeadership(to);
    this.log.log(`handing leadership to ${to}`);
    this.schedule();
  }

  /** On the leader: a learner that has caught up with the commit index becomes a voter (one at a time). */
  private promoteLearners(): void {
    if (!this.leading) return;
    const conf = this.node.confState();
    const matches = this.node.matchIndexes();
    const ready = conf.learners.find((id) => (matches.get(id) ?? 0) >= this.node.commit);
    if (!ready) return;
    try {
      this.node.proposeConfChange({ type: 'addVoter', id: ready });
      this.log.log(`promoting manager ${ready} to voter: it has caught up`);
    } catch {
      // another change is in progress: next tick
    }
  }

  status(): RaftStatus {
    const matches = this.node.matchIndexes();
    const timeoutMs = this.o.tickMs * this.o.electionTicks; // followers answer every heartbeat (each tick)
    const now = Date.now();
    const conf = this.node.confState();
    const addresses = this.addresses();
    const members = [...conf.voters, ...conf.learners].map((id): MemberStatus => {
      const heard = this.transport.heardFrom(id);
      return {
        id,
        address: addresses.get(id) ?? '',
        role: conf.learners.includes(id) ? 'LEARNER' : id === this.node.leader ? 'LEADER' : 'FOLLOWER',
        reachable: id === this.o.id || (heard !== undefined && now - heard < timeoutMs),
        matchIndex: id === this.o.id && this.node.role === 'leader' ? this.node.lastIndex() : (matches.get(id) ?? null),
      };
    });
    return {
      id: this.o.id,
      role: this.node.role,
      leader: this.node.leader,
      term: this.node.term,
      commitIndex: this.node.commit,
      appliedIndex: this.applied,
      firstIndex: this.node.logOffset().index + 1,
      lastIndex: this.node.lastIndex(),
      members,
    };
  }

  private step(m: Message): void {
    this.node.step(m);
    this.schedule();
  }

  /** Handles Readies once per turn of the event loop, so concurrent proposals share an fsync. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.process();
    });
  }

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.node.hasReady()) {
        const rd = this.node.ready();
        if (rd.snapshot) await this.install(rd.snapshot, rd.hardState ?? this.savedHard);
        if (rd.hardState || rd.entries.length > 0) this.wal.save(rd.hardState, rd.entries, false);
        if (rd.mustSync) await this.wal.syncAsync(); // before anything that depends on it is sent
        if (rd.hardState) this.savedHard = rd.hardState;
        this.transport.send(rd.messages);
        if (rd.role !== this.role || (rd.role === 'leader' && this.node.term !== this.leaderTerm)) this.roleChanged(rd.role);
        if (rd.committed.length > 0) {
          await this.o.apply(rd.committed);
          this.applied = rd.committed[rd.committed.length - 1].index;
        }
        for (const rs of rd.readStates) {
          const r = this.reads.get(rs.context);
          if (r) r.index = rs.index;
        }
        this.node.advance();
        this.releaseReads();
        this.checkLeading();
        await this.maybeCompact();
      }
    } catch (err) {
      // Memory may be ahead of disk: start again from what is durable.
      this.log.fatal(`cannot persist or apply the Raft log; exiting to recover from disk: ${(err as Error).stack ?? String(err)}`);
      process.exit(70);
    } finally {
      this.processing = false;
    }
    if (this.node.hasReady()) this.schedule();
  }

  /** A leader's snapshot: the application's state first (durably), then the log reset to it. */
  private async install(snapshot: Snapshot, hardState: HardState): Promise<void> {
    await this.o.restore(snapshot);
    this.wal.rewrite({ index: snapshot.index, term: snapshot.term }, hardState, []);
    this.savedHard = hardState;
    this.applied = snapshot.index;
    this.log.log(`installed the leader's snapshot at index ${snapshot.index} (term ${snapshot.term})`);
  }

  /**
   * Once the log holds `compactAfter` applied entries, drops all but the last
   * `trailingEntries` of them: the state database is checkpointed first, since it is
   * what a restart begins from, and the WAL is rewritten atomically.
   */
  private async maybeCompact(): Promise<void> {
    const offset = this.node.logOffset();
    if (this.applied - offset.index < this.o.compactAfter) return;
    await this.o.checkpoint();
    this.node.compact(this.applied - this.o.trailingEntries);
    const next = this.node.logOffset();
    this.wal.rewrite(next, this.savedHard, this.node.persistedEntries());
  }

  private roleChanged(role: Role): void {
    const was = this.role;
    this.role = role;
    if (this.leading) {
      this.leading = false;
      for (const l of [...this.leadingListeners]) l(false);
    }
    if (role === 'leader') {
      this.leaderTerm = this.node.term;
      this.termStart = this.node.lastIndex();
      this.log.log(`leader for term ${this.node.term}`);
    } else if (was === 'leader') {
      this.log.warn(`no longer the leader (term ${this.node.term})`);
    }
  }

  private checkLeading(): void {
    const leading = this.role === 'leader' && this.applied >= this.termStart;
    if (leading === this.leading) return;
    this.leading = leading;
    for (const l of [...this.leadingListeners]) l(leading);
  }

  private releaseReads(): void {
    for (const [context, r] of this.reads) {
      if (r.index !== undefined && r.index <= this.applied) {
        clearTimeout(r.timer);
        this.reads.delete(context);
        r.resolve(true);
      }
    }
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
