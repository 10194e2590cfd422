import { RaftHost, RaftHostOptions } from '../raft/raft-host';
import { SqlitePersistence } from './persistence/sqlite.persistence';
import { RaftProposer } from './raft.proposer';
import { Store } from './store';
import { restoreSnapshot, takeSnapshot } from './store-snapshot';

export type ReplicationSettings = Pick<
  RaftHostOptions,
  'id' | 'members' | 'known' | 'secret' | 'dataDir' | 'tickMs' | 'electionTicks' | 'compactAfter' | 'trailingEntries'
>;

/**
 * Joins the store to Raft: the proposer writes through the Raft host, the host applies
 * committed entries through the proposer, and snapshots are the store's objects.
 * The host is not started.
 */
export async function replicate(
  store: Store,
  persistence: SqlitePersistence,
  settings: ReplicationSettings,
): Promise<{ proposer: RaftProposer; raft: RaftHost }> {
  const proposer = new RaftProposer(store, persistence);
  const raft = new RaftHost({
    ...settings,
    appliedIndex: store.appliedIndex,
    installedSnapshot: await persistence.installedSnapshot(),
    apply: (entries) => proposer.apply(entries),
    snapshot: () => takeSnapshot(store),
    restore: (snapshot) => restoreSnapshot(store, persistence, snapshot),
    checkpoint: () => persistence.checkpoint(),
  });
  proposer.host = raft;
  return { proposer, raft };
}
