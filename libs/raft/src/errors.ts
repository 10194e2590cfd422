/** Thrown by propose/readIndex/transferLeadership where only a leader (or a node that knows one) can act. */
export class NotLeaderError extends Error {
  constructor(readonly leader: string | null) {
    super(leader ? `not the leader; the leader is ${leader}` : 'no leader is known; retry shortly');
  }
}
