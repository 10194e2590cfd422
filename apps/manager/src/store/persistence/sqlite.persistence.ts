import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { ChangeSet } from '../actions';
import { KINDS, Kind, StoredObject } from '../objects';
import { InitialSchema1764460000000 } from './migrations/1764460000000-initial-schema';
import { AccessTables1764470000000 } from './migrations/1764470000000-access-tables';
import { MetaRow, ROW_OF } from './rows';

const APPLIED_INDEX = 'appliedIndex';
/** The position of the last snapshot installed from a leader: the Raft log must start there. */
const INSTALLED_SNAPSHOT = 'installedSnapshot';

/**
 * The manager's local SQLite database (TypeORM over better-sqlite3): the state machine's
 * copy of the cluster state at its applied index. The Raft log (fsynced first) is the
 * durable record; on start the store is loaded from here and the log replayed after it.
 */
export class SqlitePersistence {
  private constructor(private readonly db: DataSource) {}

  static async open(dataDir: string): Promise<SqlitePersistence> {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const db = new DataSource({
      type: 'better-sqlite3',
      database: join(dataDir, 'state.db'),
      entities: [...Object.values(ROW_OF), MetaRow],
      migrations: [InitialSchema1764460000000, AccessTables1764470000000],
      migrationsRun: true,
      synchronize: false,
      logging: false,
      prepareDatabase: (raw: { pragma(sql: string): unknown }) => {
        raw.pragma('journal_mode = WAL');
        // The Raft log is fsynced before anything is applied and replays whatever a power
        // loss takes from SQLite's tail, so SQLite need not fsync each commit (WAL keeps
        // it consistent). Log compaction must only drop entries after a full checkpoint.
        raw.pragma('synchronous = NORMAL');
        raw.pragma('busy_timeout = 5000');
      },
    });
    await db.initialize();
    return new SqlitePersistence(db);
  }

  async loadAll(): Promise<{ objects: { kind: Kind; object: StoredObject }[]; appliedIndex: number }> {
    const objects: { kind: Kind; object: StoredObject }[] = [];
    for (const kind of KINDS) {
      const rows = await this.db.getRepository(ROW_OF[kind]).find();
      for (const row of rows) objects.push({ kind, object: JSON.parse(row.data) as StoredObject });
    }
    const meta = await this.db.getRepository(MetaRow).findOneBy({ key: APPLIED_INDEX });
    return { objects, appliedIndex: meta ? Number(meta.value) : 0 };
  }

  /** Writes the changes of applied entries and the new applied index in one transaction. */
  async write(sets: readonly ChangeSet[]): Promise<void> {
    if (sets.length === 0) return;
    const last = new Map<string, { kind: Kind; object: StoredObject | null }>();
    for (const set of sets) {
      for (const c of set.changes) last.set(`${c.kind}/${c.object.id}`, { kind: c.kind, object: c.action === 'REMOVED' ? null : c.object });
    }
    const upserts = new Map<Kind, { id: string; version: number; data: string }[]>();
    const deletes = new Map<Kind, string[]>();
    for (const [key, { kind, object }] of last) {
      if (object) push(upserts, kind, { id: object.id, version: object.version, data: JSON.stringify(object) });
      else push(deletes, kind, key.slice(kind.length + 1));
    }
    const appliedIndex = sets[sets.length - 1].index;
    await this.db.transaction(async (m) => {
      for (const [kind, rows] of upserts) {
        for (let i = 0; i < rows.length; i += 200) await m.upsert(ROW_OF[kind], rows.slice(i, i + 200), ['id']);
      }
      for (const [kind, ids] of deletes) {
        for (let i = 0; i < ids.length; i += 500) await m.delete(ROW_OF[kind], ids.slice(i, i + 500));
      }
      await m.upsert(MetaRow, { key: APPLIED_INDEX, value: String(appliedIndex) }, ['key']);
    });
  }

  /**
   * Replaces every object and the applied index in one transaction (a snapshot installed
   * from the leader), and makes it durable before the caller resets the Raft log.
   */
  async replaceAll(objects: { kind: Kind; object: StoredObject }[], snapshot: { index: number; term: number }): Promise<void> {
    await this.db.transaction(async (m) => {
      for (const kind of KINDS) await m.clear(ROW_OF[kind]);
      for (const kind of KINDS) {
        const rows = objects.filter((o) => o.kind === kind).map(({ object }) => ({ id: object.id, version: object.version, data: JSON.stringify(object) }));
        for (let i = 0; i < rows.length; i += 200) await m.insert(ROW_OF[kind], rows.slice(i, i + 200));
      }
      await m.upsert(MetaRow, { key: APPLIED_INDEX, value: String(snapshot.index) }, ['key']);
      await m.upsert(MetaRow, { key: INSTALLED_SNAPSHOT, value: JSON.stringify(snapshot) }, ['key']);
    });
    await this.checkpoint();
  }

  async installedSnapshot(): Promise<{ index: number; term: number } | undefined> {
    const meta = await this.db.getRepository(MetaRow).findOneBy({ key: INSTALLED_SNAPSHOT });
    return meta ? (JSON.parse(meta.value) as { index: number; term: number }) : undefined;
  }

  /** Makes every committed transaction durable (SQLite runs with synchronous=NORMAL): before the Raft log is compacted. */
  async checkpoint(): Promise<void> {
    await this.db.query('PRAGMA wal_checkpoint(FULL)');
  }

  async close(): Promise<void> {
    if (this.db.isInitialized) await this.db.destroy();
  }
}

function push<V>(map: Map<Kind, V[]>, kind: Kind, v: V): void {
  const list = map.get(kind);
  if (list) list.push(v);
  else map.set(kind, [v]);
}
