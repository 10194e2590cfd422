import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DesiredState, TaskState } from '@shoal/protocol';
import type { RaftHost } from '../raft/raft-host';
import type { RaftProposer } from '../store/raft.proposer';
import { replicate } from '../store/replicated-store';
import { SqlitePersistence } from '../store/persistence/sqlite.persistence';
import { Store } from '../store/store';
import type { ClusterSettings, NodeObject, ServiceSpec, TaskObject } from '../store/objects';
import type { NewObject } from '../store/actions';

/**
 * A real store for unit tests of the control loops: SQLite and a one-member Raft log in
 * a temporary folder, with a fast tick so that it leads within a few milliseconds.
 */
export class StoreFixture {
  private constructor(
    readonly dir: string,
    readonly store: Store,
    readonly persistence: SqlitePersistence,
    readonly proposer: RaftProposer,
    readonly raft: RaftHost,
  ) {}

  static async open(dir = mkdtempSync(join(tmpdir(), 'shoal-store-'))): Promise<StoreFixture> {
    const persistence = await SqlitePersistence.open(dir);
    const store = new Store();
    const { objects, appliedIndex } = await persistence.loadAll();
    store.state.load(objects, appliedIndex);
    const { proposer, raft } = await replicate(store, persistence, {
      id: 'm1',
      members: new Map([['m1', '127.0.0.1:0']]),
      dataDir: dir,
      tickMs: 5,
      electionTicks: 3,
      compactAfter: 10_000,
      trailingEntries: 1000,
    });
    raft.start();
    await new Promise<void>((resolve) => {
      const off = raft.onLeading((leading) => {
        if (!leading) return;
        off();
        resolve();
      });
    });
    return new StoreFixture(dir, store, persistence, proposer, raft);
  }

  async close(removeFiles = true): Promise<void> {
    this.raft.stop();
    await this.persistence.close();
    if (removeFiles) rmSync(this.dir, { recursive: true, force: true });
  }

  async cluster(settings: Partial<ClusterSettings> = {}): Promise<void> {
    await this.create({
      id: 'cluster1',
      createdAt: T0,
      name: 'test',
      workerJoinToken: 'SHOALTKN-1-test',
      settings: { heartbeatPeriodMs: 1000, heartbeatGrace: 3, taskHistoryLimit: 5, restartDelayMs: 0, ...settings },
    });
  }

  /** Changes some cluster settings of the cluster made by cluster(). */
  async settings(changes: Partial<ClusterSettings>): Promise<void> {
    const settings = { ...this.store.cluster()!.settings, ...changes };
    await this.proposer.propose([{ op: 'patch', kind: 'cluster', id: 'cluster1', fields: { settings } }]);
  }

  async node(id: string, over: Partial<NodeObject> = {}): Promise<void> {
    await this.create({
      id,
      createdAt: T0,
      role: 'WORKER',
      availability: 'ACTIVE',
      labels: {},
      description: { hostname: `host-${id}`, cpus: 2, memoryBytes: 2 ** 30, os: 'linux', arch: 'amd64', engineVersion: '20.10', engineLabels: {}, labels: {} },
      status: { state: 'READY', message: '', addr: '127.0.0.1', timestamp: T0 },
      secretHash: 'x',
      ...over,
    });
  }

  async service(id: string, spec: Partial<ServiceSpec> = {}): Promise<void> {
    await this.create({ id, createdAt: T0, spec: { name: id, image: 'busybox:1', replicas: 1, ...spec } });
  }

  async task(over: Partial<TaskObject> & { id: string; serviceId: string }): Promise<void> {
    await this.create({
      createdAt: T0,
      serviceName: over.serviceId,
      slot: 1,
      nodeId: null,
      desiredState: DesiredState.RUNNING,
      status: { state: TaskState.PENDING, message: '', timestamp: T0 },
      spec: { image: 'busybox:1' },
      ...over,
    });
  }

  async patchTask(id: string, fields: Partial<TaskObject>): Promise<void> {
    await this.proposer.propose([{ op: 'patch', kind: 'task', id, fields }]);
  }

  private async create(object: NewObject): Promise<void> {
    const kind =
      'spec' in object && 'serviceId' in object
        ? 'task'
        : 'spec' in object
          ? 'service'
          : 'secretHash' in object
            ? 'node'
            : 'workerJoinToken' in object
              ? 'cluster'
              : 'token';
    await this.proposer.propose([{ op: 'create', kind, object }]);
  }
}

export const T0 = '2026-01-01T00:00:00.000Z';
