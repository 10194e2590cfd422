import type { ConfChange, ConfState, Entry } from './types';

/**
 * Membership as Raft replicates it: single-server changes (§4.1 of Ongaro's thesis),
 * each entry carrying the whole new configuration, which takes effect as soon as it is
 * in a node's log (committed or not). One change at a time: the next waits until the
 * previous one is committed. Learners receive the log but neither vote nor count.
 */
export function changed(conf: ConfState, change: ConfChange): ConfState {
  const member = conf.voters.includes(change.id) || conf.learners.includes(change.id);
  const without = (ids: string[]) => ids.filter((x) => x !== change.id);
  const addresses = { ...conf.addresses };
  if (change.address) addresses[change.id] = change.address;
  switch (change.type) {
    case 'addLearner':
      if (member) throw new Error(`${change.id} is already a member`);
      return { voters: conf.voters, learners: [...conf.learners, change.id], addresses };
    case 'addVoter':
      if (conf.voters.includes(change.id)) throw new Error(`${change.id} is already a voter`);
      return { voters: [...conf.voters, change.id], learners: without(conf.learners), addresses };
    case 'remove': {
      if (!member) throw new Error(`${change.id} is not a member`);
      const next = { voters: without(conf.voters), learners: without(conf.learners), addresses };
      delete next.addresses[change.id];
      if (next.voters.length === 0) throw new Error('cannot remove the last voter');
      return next;
    }
  }
}

export const quorumOf = (conf: ConfState): number => Math.floor(conf.voters.length / 2) + 1;

/** The configuration in force at the end of `entries`, else `base`. */
export function lastConf(entries: readonly Entry[], base: ConfState): { conf: ConfState; index: number } {
  for (let i = entries.length - 1; i >= 0; i--) {
    const c = entries[i].conf;
    if (c) return { conf: c, index: entries[i].index };
  }
  return { conf: base, index: 0 };
}
