import { ShoalError, conflict } from '../common/errors';
import type { Change, ChangeSet, Entry, StoreAction } from './actions';
import { KINDS, Kind, ObjectOf, ServiceObject, SessionObject, StoredObject, TaskObject, TokenObject, UserObject } from './objects';

type Tables = { [K in Kind]: Map<string, ObjectOf[K]> };
interface Staged {
  kind: Kind;
  id: string;
  next: StoredObject | null;
  prev: StoredObject | undefined;
}

/**
 * The store's state and the one function that changes it: `apply(entry, index)`.
 * Deterministic: the same entries in the same order give the same state on every
 * manager. An entry whose checks fail changes nothing and throws a ShoalError.
 */
export class StateMachine {
  readonly tables: Tables = {
    cluster: new Map(),
    node: new Map(),
    service: new Map(),
    task: new Map(),
    token: new Map(),
    user: new Map(),
    session: new Map(),
    audit: new Map(),
  };
  private readonly serviceByName = new Map<string, string>();
  private readonly tasksByService = new Map<string, Set<string>>();
  private readonly tasksByNode = new Map<string, Set<string>>();
  /** API tokens and sessions by the sha256 of their secret: every request looks one up. */
  private readonly tokenByHash = new Map<string, string>();
  private readonly sessionByHash = new Map<string, string>();
  appliedIndex = 0;

  /** Replaces the whole state by a snapshot's objects at `appliedIndex`. */
  reset(objects: { kind: Kind; object: StoredObject }[], appliedIndex: number): void {
    for (const table of Object.values(this.tables) as Map<string, StoredObject>[]) table.clear();
    this.serviceByName.clear();
    this.tasksByService.clear();
    this.tasksByNode.clear();
    this.tokenByHash.clear();
    this.sessionByHash.clear();
    this.load(objects, appliedIndex);
  }

  /** Every object, for a snapshot. */
  objects(): { kind: Kind; object: StoredObject }[] {
    return KINDS.flatMap((kind) => [...(this.tables[kind] as Map<string, StoredObject>).values()].map((object) => ({ kind, object })));
  }

  /** Loads objects as persisted (start-up); indexes are rebuilt. */
  load(objects: { kind: Kind; object: StoredObject }[], appliedIndex: number): void {
    for (const { kind, object } of objects) this.put(kind, object);
    this.appliedIndex = appliedIndex;
  }

  get<K extends Kind>(kind: K, id: string): ObjectOf[K] | undefined {
    return this.tables[kind].get(id);
  }

  serviceNamed(name: string): ServiceObject | undefined {
    const id = this.serviceByName.get(name);
    return id ? this.tables.service.get(id) : undefined;
  }

  tokenWithHash(hash: string): TokenObject | undefined {
    // Checked against the object too: an index entry must never outlive the hash it was made for.
    const t = this.tables.token.get(this.tokenByHash.get(hash) ?? '');
    return t?.hash === hash ? t : undefined;
  }

  sessionWithHash(hash: string): SessionObject | undefined {
    const s = this.tables.session.get(this.sessionByHash.get(hash) ?? '');
    return s?.hash === hash ? s : undefined;
  }

  tasksOfService(serviceId: string): TaskObject[] {
    return this.collect(this.tasksByService.get(serviceId));
  }

  tasksOfNode(nodeId: string): TaskObject[] {
    return this.collect(this.tasksByNode.get(nodeId));
  }

  /** Moves past an entry that changes nothing: a new leader's empty entry, or one whose checks failed. */
  skip(index: number, at: string): ChangeSet {
    if (index <= this.appliedIndex) throw new Error(`entry ${index} already applied (applied index ${this.appliedIndex})`);
    this.appliedIndex = index;
    return { index, at, changes: [] };
  }

  /**
   * Applies one entry at `index`. All actions are checked against the state as the
   * earlier actions of the same entry leave it; on any failure nothing is changed.
   */
  apply(entry: Entry, index: number): ChangeSet {
    if (index <= this.appliedIndex) throw new Error(`entry ${index} already applied (applied index ${this.appliedIndex})`);
    const staged = this.stage(entry, index);
    const changes: Change[] = [];
    for (const { kind, next, prev } of staged.values()) {
      if (next === null) {
        if (!prev) continue; // created and removed within one entry
        this.drop(kind, prev);
        changes.push({ kind, action: 'REMOVED', object: prev });
      } else {
        if (prev) this.drop(kind, prev);
        this.put(kind, next);
        changes.push(prev ? { kind, action: 'UPDATED', object: next, previous: prev } : { kind, action: 'CREATED', object: next });
      }
    }
    this.appliedIndex = index;
    return { index, at: entry.at, changes };
  }

  /**
   * Throws what `apply` would throw against the current state, changing nothing. The
   * proposer calls it first so that a change already known to fail takes no log entry;
   * `apply` checks again, as other entries may come first.
   */
  check(entry: Entry): void {
    this.stage(entry, this.appliedIndex + 1);
  }

  private stage(entry: Entry, index: number): Map<string, Staged> {
    const staged = new Map<string, Staged>();
    const current = (kind: Kind, id: string): StoredObject | undefined => {
      const s = staged.get(`${kind}/${id}`);
      return s ? (s.next ?? undefined) : this.tables[kind].get(id);
    };
    const stage = (kind: Kind, id: string, next: StoredObject | null): void => {
      const key = `${kind}/${id}`;
      const prev = staged.has(key) ? staged.get(key)!.prev : this.tables[kind].get(id);
      staged.set(key, { kind, id, next, prev });
    };

    for (const action of entry.actions) this.checkAction(action, current, stage, entry.at, index);
    this.checkUniqueNames(staged);
    this.checkUniqueUsernames(staged);
    return staged;
  }

  private checkAction(
    action: StoreAction,
    current: (kind: Kind, id: string) => StoredObject | undefined,
    stage: (kind: Kind, id: string, next: StoredObject | null) => void,
    at: string,
    index: number,
  ): void {
    if (!KINDS.includes(action.kind)) throw new ShoalError('BAD_USER_INPUT', `unknown kind ${String(action.kind)}`);
    switch (action.op) {
      case 'create': {
        const id = action.object.id;
        if (current(action.kind, id)) throw conflict(`${action.kind} ${id} already exists`);
        stage(action.kind, id, { ...action.object, version: index, updatedAt: at });
        return;
      }
      case 'patch': {
        const prev = current(action.kind, action.id);
        if (!prev) {
          if (action.ifExists) return;
          throw new ShoalError('NOT_FOUND', `${action.kind} ${JSON.stringify(action.id)} not found`);
        }
        checkVersion(action.kind, prev, action.expectedVersion);
        const { id: _id, version: _v, createdAt: _c, ...fields } = action.fields;
        stage(action.kind, action.id, { ...prev, ...fields, version: index, updatedAt: at });
        return;
      }
      case 'remove': {
        const prev = current(action.kind, action.id);
        if (!prev) {
          if (action.ifExists) return;
          throw new ShoalError('NOT_FOUND', `${action.kind} ${JSON.stringify(action.id)} not found`);
        }
        checkVersion(action.kind, prev, action.expectedVersion);
        stage(action.kind, action.id, null);
        return;
      }
    }
  }

  /** Service names are unique across the cluster. */
  private checkUniqueNames(staged: Map<string, { kind: Kind; id: string; next: StoredObject | null }>): void {
    const owner = new Map<string, string>();
    for (const s of staged.values()) {
      if (s.kind !== 'service' || !s.next) continue;
      const name = (s.next as ServiceObject).spec.name;
      const existing = this.serviceByName.get(name);
      // An existing holder this entry does not touch keeps its name; one it touches is staged too.
      const taken = (owner.has(name) && owner.get(name) !== s.id) || (existing !== undefined && existing !== s.id && !staged.has(`service/${existing}`));
      if (taken) throw conflict(`a service named ${JSON.stringify(name)} already exists`);
      owner.set(name, s.id);
    }
  }

  /** Usernames are unique, ignoring case. Users are few: a scan is enough. */
  private checkUniqueUsernames(staged: Map<string, Staged>): void {
    const mine = [...staged.values()].filter((s) => s.kind === 'user' && s.next);
    if (mine.length === 0) return;
    const holders = new Map<string, string>();
    for (const u of this.tables.user.values()) if (!staged.has(`user/${u.id}`)) holders.set(u.username.toLowerCase(), u.id);
    for (const s of mine) {
      const name = (s.next as UserObject).username.toLowerCase();
      const holder = holders.get(name);
      if (holder !== undefined && holder !== s.id) throw conflict(`a user named ${JSON.stringify((s.next as UserObject).username)} already exists`);
      holders.set(name, s.id);
    }
  }

  private put(kind: Kind, object: StoredObject): void {
    (this.tables[kind] as Map<string, StoredObject>).set(object.id, object);
    if (kind === 'service') this.serviceByName.set((object as ServiceObject).spec.name, object.id);
    if (kind === 'token') this.tokenByHash.set((object as TokenObject).hash, object.id);
    if (kind === 'session') this.sessionByHash.set((object as SessionObject).hash, object.id);
    if (kind === 'task') {
      const t = object as TaskObject;
      index(this.tasksByService, t.serviceId).add(t.id);
      if (t.nodeId) index(this.tasksByNode, t.nodeId).add(t.id);
    }
  }

  private drop(kind: Kind, object: StoredObject): void {
    this.tables[kind].delete(object.id);
    if (kind === 'service') {
      const name = (object as ServiceObject).spec.name;
      if (this.serviceByName.get(name) === object.id) this.serviceByName.delete(name);
    }
    if (kind === 'token' && this.tokenByHash.get((object as TokenObject).hash) === object.id) this.tokenByHash.delete((object as TokenObject).hash);
    if (kind === 'session' && this.sessionByHash.get((object as SessionObject).hash) === object.id) this.sessionByHash.delete((object as SessionObject).hash);
    if (kind === 'task') {
      const t = object as TaskObject;
      unindex(this.tasksByService, t.serviceId, t.id);
      if (t.nodeId) unindex(this.tasksByNode, t.nodeId, t.id);
    }
  }

  private collect(ids: Set<string> | undefined): TaskObject[] {
    if (!ids) return [];
    const out: TaskObject[] = [];
    for (const id of ids) {
      const t = this.tables.task.get(id);
      if (t) out.push(t);
    }
    return out;
  }
}

function checkVersion(kind: Kind, prev: StoredObject, expected: number | undefined): void {
  if (expected !== undefined && prev.version !== expected) {
    throw conflict(`${kind} ${prev.id} changed since version ${expected} (now ${prev.version}); read it again and retry`);
  }
}

function index(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}

function unindex(map: Map<string, Set<string>>, key: string, id: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}
