interface RaftLike {
  leader: string | null;
  members: readonly { reachable: boolean }[];
}

export interface QuorumHealth {
  managers: number;
  reachable: number;
  /** Managers that must be reachable for writes to go through. */
  needed: number;
  /** How many more managers may be lost before writes stop. */
  tolerates: number;
  healthy: boolean;
  hasLeader: boolean;
}

export function quorumHealth(raft: RaftLike): QuorumHealth {
  const managers = raft.members.length;
  const reachable = raft.members.filter((m) => m.reachable).length;
  const needed = Math.floor(managers / 2) + 1;
  return {
    managers,
    reachable,
    needed,
    tolerates: Math.max(0, reachable - needed),
    healthy: reachable >= needed && raft.leader !== null,
    hasLeader: raft.leader !== null,
  };
}
