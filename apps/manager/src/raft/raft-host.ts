import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { NotLeaderError, RaftNode } from '@shoal/raft';
import type { Entry, Message, Role } from '@shoal/raft';
import { Wal } from '@shoal/raft-storage';
import { ShoalError } from '../common/errors';
import { PeerTransport } from './peer-transport';

export interface RaftHostOptions {
  id: string;
  /** Every voting member, this one included: id → cluster address. */
  members: ReadonlyMap<string, string>;
  secret?: string;
  /** The manager's data folder; the log lives in `raft/`. */
  dataDir: string;
  tickMs: number;
  electionTicks: number;
  /** The state machine's applied index as loaded from disk. */
  appliedIndex: number;
  /** Applies committed entries durably, in order; a rejection is fatal. */
  apply(entries: Entry[]): Promise<void>;
}

export interface MemberStatus {
  id: string;
  address: string;
  role: 'LEADER' | 'FOLLOWER';
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

  constructor(private readonly o: RaftHostOptions) {
    const { wal, recovered } = Wal.open(join(o.dataDir, 'raft'));
    if (recovered.truncatedBytes > 0) this.log.warn(`cut ${recovered.truncatedBytes} bytes of a torn write off the end of the Raft log`);
    if (recovered.entries.length === 0 && o.appliedIndex > 0) {
      wal.close();
      throw new Error(`the state database is at index ${o.appliedIndex} but the Raft log is empty: this data folder predates Raft; start from an empty one`);
    }
    this.wal = wal;
    this.applied = o.appliedIndex;
    this.node = new RaftNode(
      { id: o.id, voters: [...o.members.keys()], random: Math.random, electionTick: o.electionTicks, heartbeatTick: 1 },
      { hardState: recovered.hardState, entries: recovered.entries },
      o.appliedIndex,
    );
    this.transport = new PeerTransport(
      o.id,
      () => o.members,
      o.secret,
      (m) => this.step(m),
    );
  }

  start(): void {
    this.timer = setInterval(() => {
      this.node.tick();
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

  /** The cluster address of the current leader, when one is known. */
  leaderAddress(): string | null {
    const leader = this.node.leader;
    return leader ? (this.o.members.get(leader) ?? null) : null;
  }

  status(): RaftStatus {
    const matches = this.node.matchIndexes();
    const timeoutMs = this.o.tickMs * this.o.electionTicks * 2;
    const now = Date.now();
    const members = [...this.o.members].map(([id, address]): MemberStatus => {
      const heard = this.transport.heardFrom(id);
      return {
        id,
        address,
        role: id === this.node.leader ? 'LEADER' : 'FOLLOWER',
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
        if (rd.hardState || rd.entries.length > 0) this.wal.save(rd.hardState, rd.entries, rd.mustSync);
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
