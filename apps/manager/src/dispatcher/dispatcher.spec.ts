import { CLOSE, DesiredState, ManagerMessage, NodeDescription, PROTOCOL_VERSION, TaskState } from '@shoal/protocol';
import { StoreFixture } from '../testing/store.fixture';
import { AgentSession, Dispatcher } from './dispatcher';

const description: NodeDescription = {
  hostname: 'h1',
  cpus: 2,
  memoryBytes: 1,
  os: 'linux',
  arch: 'amd64',
  engineVersion: '20.10',
  engineLabels: {},
  labels: {},
};
const hello = (joinToken: string, credentials?: { nodeId: string; secret: string }) => ({
  type: 'hello' as const,
  protocolVersion: PROTOCOL_VERSION,
  joinToken,
  credentials,
  description,
});

class FakeSession implements AgentSession {
  sent: ManagerMessage[] = [];
  closed: number | undefined;
  send(m: ManagerMessage) {
    this.sent.push(m);
  }
  close(code: number) {
    this.closed = code;
  }
}

const tick = () => new Promise((r) => setTimeout(r, 80));

describe('Dispatcher', () => {
  let f: StoreFixture;
  let d: Dispatcher;
  let now = 1_000_000;
  beforeEach(async () => {
    f = await StoreFixture.open();
    await f.cluster({ heartbeatPeriodMs: 100, heartbeatGrace: 3 });
    d = new Dispatcher(f.store, f.proposer);
    d.now = () => now;
    d.start();
  });
  afterEach(async () => {
    d.stop();
    await f.close();
  });

  it('refuses a wrong join token and writes nothing', async () => {
    const index = f.store.appliedIndex;
    await expect(d.register(hello('SHOALTKN-1-wrong'), '10.0.0.1')).rejects.toMatchObject({ code: 'UNAUTHENTICATED', closeCode: CLOSE.unauthenticated });
    expect(f.store.nodes()).toEqual([]);
    expect(f.store.appliedIndex).toBe(index);
  });

  it('registers a node on first join and recognises it by its credentials afterwards', async () => {
    const first = await d.register(hello('SHOALTKN-1-test'), '10.0.0.1');
    expect(first.credentials?.nodeId).toBe(first.nodeId);
    const node = f.store.node(first.nodeId)!;
    expect(node).toMatchObject({ role: 'WORKER', availability: 'ACTIVE', status: { state: 'READY', addr: '10.0.0.1' }, description: { hostname: 'h1' } });
    expect(JSON.stringify(node)).not.toContain(first.credentials!.secret);

    const again = await d.register(hello('SHOALTKN-1-test', first.credentials), '10.0.0.2');
    expect(again).toEqual({ nodeId: first.nodeId });
    expect(f.store.nodes()).toHaveLength(1);
    await expect(d.register(hello('SHOALTKN-1-test', { nodeId: first.nodeId, secret: 'forged' }), 'x')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(d.register(hello('SHOALTKN-1-test', { nodeId: 'gone', secret: 'x' }), 'x')).rejects.toMatchObject({ code: 'NODE_REMOVED' });
  });

  it('pushes the full assignment set when a task of the node changes, not when the agent reports', async () => {
    const { nodeId } = await d.register(hello('SHOALTKN-1-test'), 'a');
    const s = new FakeSession();
    d.attach(nodeId, s);
    expect(s.sent).toEqual([{ type: 'assignments', tasks: [] }]);
    await f.task({ id: 't1', serviceId: 'web', nodeId, status: { state: TaskState.ASSIGNED, message: '', timestamp: 'x' } });
    await tick();
    expect(s.sent).toHaveLength(2);
    expect(s.sent[1]).toMatchObject({ type: 'assignments', tasks: [{ taskId: 't1', desiredState: DesiredState.RUNNING }] });
    d.report(nodeId, [{ taskId: 't1', state: TaskState.RUNNING, message: 'started', timestamp: 'y' }]);
    await tick();
    expect(f.store.task('t1')!.status.state).toBe(TaskState.RUNNING);
    expect(s.sent).toHaveLength(2);
  });

  it('records only forward moves of the reporting node own tasks', async () => {
    const { nodeId } = await d.register(hello('SHOALTKN-1-test'), 'a');
    await f.task({ id: 'mine', serviceId: 'web', nodeId, status: { state: TaskState.RUNNING, message: '', timestamp: 'x' } });
    await f.task({ id: 'theirs', serviceId: 'web', nodeId: 'other', status: { state: TaskState.ASSIGNED, message: '', timestamp: 'x' } });
    d.report(nodeId, [
      { taskId: 'mine', state: TaskState.STARTING, message: 'backwards', timestamp: 'y' },
      { taskId: 'theirs', state: TaskState.RUNNING, message: 'not yours', timestamp: 'y' },
      { taskId: 'mine', state: TaskState.PENDING, message: 'manager state', timestamp: 'y' },
    ]);
    await tick();
    expect(f.store.task('mine')!.status.state).toBe(TaskState.RUNNING);
    expect(f.store.task('theirs')!.status.state).toBe(TaskState.ASSIGNED);
  });

  it('records a new health verdict within one state, but no repeat', async () => {
    const { nodeId } = await d.register(hello('SHOALTKN-1-test'), 'a');
    await f.task({ id: 't1', serviceId: 'web', nodeId, status: { state: TaskState.STARTING, message: 'starting', timestamp: 'x' } });
    d.report(nodeId, [{ taskId: 't1', state: TaskState.STARTING, message: 'waiting for the health check', health: 'starting', timestamp: 'y' }]);
    await tick();
    expect(f.store.task('t1')!.status).toMatchObject({ state: TaskState.STARTING, health: 'starting', message: 'waiting for the health check' });
    const version = f.store.task('t1')!.version;
    d.report(nodeId, [{ taskId: 't1', state: TaskState.STARTING, message: 'again', health: 'starting', timestamp: 'z' }]);
    await tick();
    expect(f.store.task('t1')!.version).toBe(version);
  });

  it('keeps when a task first ran through its later states', async () => {
    const { nodeId } = await d.register(hello('SHOALTKN-1-test'), 'a');
    await f.task({ id: 't1', serviceId: 'web', nodeId, status: { state: TaskState.STARTING, message: '', timestamp: 'x' } });
    d.report(nodeId, [{ taskId: 't1', state: TaskState.RUNNING, message: 'started', timestamp: 'y' }]);
    await tick();
    expect(f.store.task('t1')!.status).toMatchObject({ state: TaskState.RUNNING, startedAt: 'y' });
    d.report(nodeId, [{ taskId: 't1', state: TaskState.FAILED, message: 'exit 1', timestamp: 'z' }]);
    await tick();
    expect(f.store.task('t1')!.status).toMatchObject({ state: TaskState.FAILED, timestamp: 'z', startedAt: 'y' });
  });

  it('marks a node down when its heartbeats stop, and closes its session', async () => {
    const { nodeId } = await d.register(hello('SHOALTKN-1-test'), 'a');
    const s = new FakeSession();
    d.attach(nodeId, s);
    now += 250;
    d.heartbeat(nodeId);
    await tick();
    expect(f.store.node(nodeId)!.status.state).toBe('READY');
    now += 301;
    await tick();
    expect(f.store.node(nodeId)!.status).toMatchObject({ state: 'DOWN', message: 'heartbeat failure' });
    expect(s.closed).toBe(CLOSE.heartbeatExpired);
  });

  it('applies a changed heartbeat period and grace at once: agents are told, and get a new grace from the change', async () => {
    const { nodeId } = await d.register(hello('SHOALTKN-1-test'), 'a');
    const s = new FakeSession();
    d.attach(nodeId, s);
    now += 250; // silent for 2.5 periods: still within 3
    const settings = { ...f.store.cluster()!.settings, heartbeatPeriodMs: 50, heartbeatGrace: 2 };
    await f.proposer.propose([{ op: 'patch', kind: 'cluster', id: 'cluster1', fields: { settings } }]);
    expect(s.sent).toContainEqual({ type: 'heartbeatSettings', heartbeatPeriodMs: 50 });
    expect(d.heartbeatPeriodMs()).toBe(50);
    await tick();
    expect(f.store.node(nodeId)!.status.state).toBe('READY'); // not down for the old pace
    now += 101; // two new periods without a heartbeat
    await tick();
    expect(f.store.node(nodeId)!.status).toMatchObject({ state: 'DOWN', message: 'heartbeat failure' });

    // A change of grace alone is not sent to agents; other cluster changes send nothing.
    s.sent = [];
    await f.proposer.propose([{ op: 'patch', kind: 'cluster', id: 'cluster1', fields: { settings: { ...settings, heartbeatGrace: 5 } } }]);
    await f.proposer.propose([{ op: 'patch', kind: 'cluster', id: 'cluster1', fields: { name: 'renamed' } }]);
    expect(s.sent).toEqual([]);
  });

  it('tells connected agents the manager list when it changes, once', async () => {
    let managers = ['10.0.0.1:4001'];
    d.managerAddresses = () => managers;
    expect(d.managers()).toEqual(['10.0.0.1:4001']); // for a welcome
    const { nodeId } = await d.register(hello('SHOALTKN-1-test'), '10.0.0.1');
    const s = new FakeSession();
    d.attach(nodeId, s);
    await tick();
    expect(s.sent.filter((m) => m.type === 'managers')).toEqual([]);
    managers = ['10.0.0.2:4001', '10.0.0.1:4001'];
    await tick();
    await tick();
    expect(s.sent.filter((m) => m.type === 'managers')).toEqual([{ type: 'managers', managers: ['10.0.0.2:4001', '10.0.0.1:4001'] }]);
  });

  it("ends a removed node's session with NODE_REMOVED, and records a new description", async () => {
    const { nodeId } = await d.register(hello('SHOALTKN-1-test'), 'a');
    const s = new FakeSession();
    d.attach(nodeId, s);
    await d.describe(nodeId, { ...description, managerMemberId: 'm-1' });
    expect(f.store.node(nodeId)!.description.managerMemberId).toBe('m-1');
    expect(d.send(nodeId, { type: 'stopManager', memberId: 'm-1' })).toBe(true);
    await f.proposer.propose([{ op: 'remove', kind: 'node', id: nodeId }]);
    await tick();
    expect(s.sent.at(-1)).toMatchObject({ type: 'error', code: 'NODE_REMOVED' });
    expect(s.closed).toBe(CLOSE.nodeRemoved);
    expect(d.send(nodeId, { type: 'stopManager', memberId: 'm-1' })).toBe(false);
  });
});
