import type { Kind, StoredObject } from './objects';
import { SqlitePersistence } from './persistence/sqlite.persistence';
import { Store } from './store';

interface SnapshotData {
  objects: { kind: Kind; object: StoredObject }[];
}

/**
 * The store as a Raft snapshot: every object at the applied index, as JSON. Taken on the
 * leader, synchronously, when a follower is too far behind for the log; restored on that
 * follower in place of its state (memory and SQLite together).
 */
export function takeSnapshot(store: Store): { index: number; data: string } {
  const data: SnapshotData = { objects: store.state.objects() };
  return { index: store.appliedIndex, data: JSON.stringify(data) };
}

export async function restoreSnapshot(store: Store, persistence: SqlitePersistence, snapshot: { index: number; term: number; data: string }): Promise<void> {
  const { objects } = JSON.parse(snapshot.data) as SnapshotData;
  await persistence.replaceAll(objects, snapshot);
  store.reset(objects, snapshot.index);
}
