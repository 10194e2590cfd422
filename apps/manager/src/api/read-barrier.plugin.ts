import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';
import { ShoalError } from '../common/errors';
import type { RaftHost } from '../raft/raft-host';

/** A request header that lets a query read this manager's state without asking the leader. */
export const CONSISTENCY_HEADER = 'shoal-consistency';

/**
 * Linearizable queries: before a query executes, the manager confirms with the Raft
 * leader (ReadIndex) and waits until it has applied everything committed before the
 * query arrived, so any manager answers as the leader would. `Shoal-Consistency: stale`
 * skips the round trip and reads local state (a follower may lag by a few entries; it
 * still answers when there is no quorum). Mutations take the barrier too, always: their
 * effect goes through the log anyway, but the guard authorises them from this manager's
 * state, which must include a revocation or a demotion committed before they arrived.
 */
export function readBarrierPlugin(raft: RaftHost): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        async didResolveOperation({ operation, request }) {
          const kind = operation?.operation;
          if (kind !== OperationTypeNode.QUERY && kind !== OperationTypeNode.MUTATION) return;
          if (kind === OperationTypeNode.QUERY && request.http?.headers.get(CONSISTENCY_HEADER)?.toLowerCase() === 'stale') return;
          try {
            await raft.readBarrier();
          } catch (err) {
            if (!(err instanceof ShoalError)) throw err;
            throw new GraphQLError(err.message, { extensions: { code: err.code, http: { status: 503 } } });
          }
        },
      });
    },
  };
}
