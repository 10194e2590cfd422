import { Logger } from '@nestjs/common';

export const JOIN_PATH = '/v1/managers/join';

export interface JoinRequest {
  id: string;
  /** The joining manager's cluster address, where its peers reach it. */
  address: string;
  token: string;
}

export interface JoinAnswer {
  /** Every member's cluster address, the joining one included. */
  members: Record<string, string>;
  secret: string;
}

/**
 * A new manager asks a member of the cluster to add it: the member sends it to the leader
 * (HTTP 421 with the leader's address), which adds it as a learner and answers with the
 * members and the cluster's Raft secret. It is promoted to voter once it has caught up.
 * Retries while an election or another membership change is in progress.
 */
export async function joinCluster(target: string, request: JoinRequest, timeoutMs = 60_000): Promise<JoinAnswer> {
  const log = new Logger('Join');
  const deadline = Date.now() + timeoutMs;
  let at = target;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://${at}${JOIN_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(5000),
      });
      const body = (await res.json().catch(() => ({}))) as Partial<JoinAnswer> & { leader?: string; message?: string };
      if (res.ok && body.members && body.secret) return body as JoinAnswer;
      last = `${res.status} ${body.message ?? ''}`;
      if (res.status === 401 || res.status === 400 || res.status === 409)
        throw new JoinRefused(`${at} refused to add this manager: ${body.message ?? res.status}`);
      if (res.status === 421 && body.leader) {
        at = body.leader;
        continue;
      }
    } catch (err) {
      if (err instanceof JoinRefused) throw err;
      last = (err as Error).message;
      at = target;
    }
    log.warn(`joining through ${at}: ${last}; retrying`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`could not join the cluster through ${target} within ${timeoutMs / 1000} s: ${last}`);
}

export class JoinRefused extends Error {}
