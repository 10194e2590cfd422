import { Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { safeEqual } from '../common/hash';
import { MEMBER_ID } from '../config';
import type { JoinAnswer, JoinRequest } from '../raft/join';
import type { RaftHost } from '../raft/raft-host';
import type { Store } from '../store/store';

const MAX_BODY = 16 * 1024;

/**
 * POST /v1/managers/join on the cluster port: a new manager presents the manager join
 * token; the leader adds it as a learner (it is promoted once caught up) and answers
 * with the members' addresses and the Raft secret. Other managers point to the leader
 * (421). Nothing is changed for a bad token or a bad request.
 */
export class ManagerJoinHandler {
  private readonly log = new Logger('ManagerJoin');

  constructor(
    private readonly store: Store,
    private readonly raft: RaftHost,
    private readonly secret: () => string | undefined,
  ) {}

  handle(req: IncomingMessage, res: ServerResponse): void {
    let body = '';
    let tooBig = false;
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY) tooBig = true;
    });
    req.on('end', () => {
      const [status, answer] = tooBig ? [413, { message: 'request too large' }] : this.answer(body, req.socket.remoteAddress ?? 'unknown');
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  }

  private answer(body: string, from: string): [number, JoinAnswer | { message: string; leader?: string }] {
    let r: Partial<JoinRequest>;
    try {
      r = JSON.parse(body) as Partial<JoinRequest>;
    } catch {
      return [400, { message: 'the body must be JSON: { id, address, token }' }];
    }
    if (typeof r.id !== 'string' || !MEMBER_ID.test(r.id)) return [400, { message: 'id must be 1-32 letters, digits, - or _' }];
    if (typeof r.address !== 'string' || !/^[^\s:]+:\d{1,5}$/.test(r.address)) return [400, { message: 'address must be HOST:PORT' }];
    const cluster = this.store.cluster();
    if (typeof r.token !== 'string' || !cluster?.managerJoinToken || !safeEqual(r.token, cluster.managerJoinToken)) {
      this.log.warn(`refused a manager from ${from}: invalid manager join token`);
      return [401, { message: 'invalid manager join token' }];
    }
    const secret = this.secret();
    if (!this.raft.isLeading() || !secret) {
      const leader = this.raft.leaderAddress();
      return leader && !this.raft.isLeading() ? [421, { message: 'not the leader', leader }] : [503, { message: 'no leader yet; retry' }];
    }
    const conf = this.raft.node.confState();
    const known = this.raft.addresses();
    if (conf.voters.includes(r.id) || conf.learners.includes(r.id)) {
      if (known.get(r.id) !== r.address) return [409, { message: `a manager ${r.id} is already a member, at ${known.get(r.id)}` }];
    } else {
      try {
        this.raft.proposeConfChange({ type: 'addLearner', id: r.id, address: r.address });
      } catch (err) {
        return [503, { message: (err as Error).message }];
      }
      this.log.log(`adding manager ${r.id} at ${r.address} as a learner`);
    }
    return [200, { members: { ...Object.fromEntries(known), [r.id]: r.address }, secret }];
  }
}
