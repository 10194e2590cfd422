/** A log entry. `data` is opaque to Raft; null for the empty entry a new leader appends. */
export interface Entry {
  term: number;
  index: number;
  data: string | null;
  /** A membership change: the whole configuration from this entry on. */
  conf?: ConfState;
}

/** Who is in the group: voters elect and commit, learners only receive the log. */
export interface ConfState {
  voters: string[];
  learners: string[];
  /** Each member's address, carried for the application's transport (opaque to Raft). */
  addresses?: Record<string, string>;
}

export interface ConfChange {
  type: 'addLearner' | 'addVoter' | 'remove';
  id: string;
  address?: string;
}

/** The index and term of the last entry a log no longer holds (compacted into a snapshot). */
export interface LogOffset {
  index: number;
  term: number;
  /** The configuration in force at `index`. */
  conf?: ConfState;
}

/** The application's state after applying every entry up to `index`; `data` is opaque to Raft. */
export interface Snapshot {
  index: number;
  term: number;
  data: string;
  /** The configuration in force at `index`. */
  conf?: ConfState;
}

/** What must be durable before the messages of the same Ready are sent. */
export interface HardState {
  term: number;
  vote: string | null;
  commit: number;
}

export type MessageType =
  | 'prevote'
  | 'prevoteResp'
  | 'vote'
  | 'voteResp'
  | 'app'
  | 'appResp'
  | 'heartbeat'
  | 'heartbeatResp'
  /** A proposal forwarded from a follower to the leader. */
  | 'prop'
  /** A linearizable read forwarded to the leader, and the leader's answer. */
  | 'readIndex'
  | 'readIndexResp'
  /** Leadership transfer: "start an election now", to the chosen successor. */
  | 'timeoutNow'
  /** InstallSnapshot, one chunk per message: for a follower whose next entry was compacted away. */
  | 'snap';

export interface Message {
  type: MessageType;
  from: string;
  to: string;
  term: number;
  /** app: index of the entry before `entries`; appResp: the follower's last matching index; vote: candidate's last index. */
  index?: number;
  /** app: term at `index`; vote: candidate's last log term. */
  logTerm?: number;
  entries?: Entry[];
  commit?: number;
  reject?: boolean;
  /** appResp with reject: where the leader should probe next (fast back-off). */
  rejectHint?: number;
  /** readIndex, readIndexResp, heartbeat, heartbeatResp: the read request being confirmed. */
  context?: string;
  /** vote: this election was asked for by the leader (transfer), so leases do not apply. */
  transfer?: boolean;
  /** snap: the snapshot's position, this chunk's byte offset, the chunk, and whether it is the last. */
  snapshot?: { index: number; term: number; offset: number; data: string; done: boolean; conf?: ConfState };
}

/** A read that may be served once the state machine has applied `index`. */
export interface ReadState {
  context: string;
  index: number;
}

export type Role = 'follower' | 'precandidate' | 'candidate' | 'leader';

/**
 * What the application must do, in this order: persist `hardState` and `entries`
 * (fsync when `mustSync`), send `messages`, apply `committed`, then call `advance()`.
 */
export interface Ready {
  /** A snapshot received from the leader: restore it (and persist it) before anything else. */
  snapshot?: Snapshot;
  hardState?: HardState;
  entries: Entry[];
  mustSync: boolean;
  messages: Message[];
  committed: Entry[];
  /** Confirmed linearizable reads: serve each once `index` is applied. */
  readStates: ReadState[];
  role: Role;
  leader: string | null;
}

export interface RaftConfig {
  id: string;
  /** The voters a new group starts with (this node included); empty for a node joining an existing group. */
  voters: string[];
  /** The learners it starts with. */
  learners?: string[];
  /** Members' addresses at creation (carried in the configuration for the application). */
  addresses?: Record<string, string>;
  /** Ticks without hearing from a leader before an election (randomised in [n, 2n)). */
  electionTick: number;
  heartbeatTick: number;
  /** Replicated but unacknowledged append messages per follower. */
  maxInflight: number;
  /** Entries per append message... */
  maxEntriesPerMessage: number;
  /** ...and their data in bytes (at least one entry is always sent). */
  maxMessageBytes: number;
  /** Bytes of entries in flight to one follower (with maxInflight, the replication window). */
  maxInflightBytes: number;
  /** An injected random source in [0, 1): no randomness inside. */
  random: () => number;
  preVote: boolean;
  checkQuorum: boolean;
  /** The application's current state for a follower that is too far behind (called on the leader). */
  snapshot?: () => { index: number; data: string };
  /** Characters of snapshot data per InstallSnapshot message. */
  maxSnapshotChunk: number;
}

/** What a node restarts from: exactly what it persisted. */
export interface Persisted {
  hardState: HardState;
  /** Starting after `offset` when the log was compacted. */
  entries: Entry[];
  offset?: LogOffset;
}

export const DEFAULTS: Omit<RaftConfig, 'id' | 'voters' | 'learners' | 'addresses' | 'random' | 'snapshot'> = {
  electionTick: 10,
  heartbeatTick: 1,
  maxInflight: 256,
  maxEntriesPerMessage: 256,
  maxMessageBytes: 1024 * 1024,
  maxInflightBytes: 32 * 1024 * 1024,
  preVote: true,
  checkQuorum: true,
  maxSnapshotChunk: 1024 * 1024,
};
