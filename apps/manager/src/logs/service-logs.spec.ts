import { LogsRequestMessage, ManagerMessage, TaskState } from '@shoal/protocol';
import { waitFor } from '@shoal/testing';
import type { Dispatcher } from '../dispatcher/dispatcher';
import { StoreFixture } from '../testing/store.fixture';
import { AgentLogs } from './agent-logs';
import type { TaskLogLine } from './logs-request';
import { ServiceLogs } from './service-logs';

const T = (s: number) => `2026-11-30T06:00:${String(s).padStart(2, '0')}.000000000Z`;

describe('service logs on the leader', () => {
  let f: StoreFixture;
  let sent: { nodeId: string; m: ManagerMessage }[];
  let connected: Set<string>;
  let agents: AgentLogs;
  let logs: ServiceLogs;

  beforeEach(async () => {
    f = await StoreFixture.open();
    await f.cluster();
    await f.node('n1');
    await f.node('n2');
    await f.service('web', { replicas: 3 });
    await f.task({ id: 't1', serviceId: 'web', slot: 1, nodeId: 'n1', status: { state: TaskState.RUNNING, message: '', timestamp: T(0) } });
    await f.task({ id: 't2', serviceId: 'web', slot: 2, nodeId: 'n2', status: { state: TaskState.COMPLETE, message: '', timestamp: T(0) } });
    await f.task({ id: 't3', serviceId: 'web', slot: 3, nodeId: null });
    sent = [];
    connected = new Set(['n1', 'n2']);
    const dispatcher = { send: (nodeId: string, m: ManagerMessage) => (connected.has(nodeId) ? (sent.push({ nodeId, m }), true) : false) };
    agents = new AgentLogs(dispatcher as unknown as Dispatcher);
    logs = new ServiceLogs(f.store, agents, f.raft);
  });
  afterEach(() => f.close());

  const requests = () => sent.filter((s) => s.m.type === 'logs').map((s) => ({ nodeId: s.nodeId, m: s.m as LogsRequestMessage }));
  const streamOf = (taskId: string) => requests().find((r) => r.m.taskId === taskId)!;
  function collect() {
    const lines: TaskLogLine[] = [];
    const end: { done: boolean; error?: unknown } = { done: false };
    return { lines, end, sink: { batch: (l: TaskLogLine[]) => lines.push(...l), end: (error?: unknown) => Object.assign(end, { done: true, error }) } };
  }

  it('asks the agent of every task that ran, tags their lines, and ends when all have', async () => {
    const c = collect();
    logs.open({ serviceId: 'web', follow: false, tail: 10, search: 'HELLO' }, c.sink);
    expect(requests().map((r) => [r.nodeId, r.m.taskId, r.m.follow, r.m.tail])).toEqual([
      ['n1', 't1', false, 10],
      ['n2', 't2', false, 10],
    ]);
    agents.receive('n1', {
      type: 'log-batch',
      streamId: streamOf('t1').m.streamId,
      lines: [
        { stream: 'stdout', timestamp: T(1), text: 'hello one' },
        { stream: 'stdout', timestamp: T(2), text: 'noise' },
      ],
    });
    // A message for a stream of another node is not believed.
    agents.receive('n1', { type: 'log-batch', streamId: streamOf('t2').m.streamId, lines: [{ stream: 'stdout', timestamp: T(1), text: 'hello forged' }] });
    agents.receive('n2', { type: 'log-batch', streamId: streamOf('t2').m.streamId, lines: [{ stream: 'stderr', timestamp: T(3), text: 'Hello two' }] });
    agents.receive('n1', { type: 'log-end', streamId: streamOf('t1').m.streamId });
    expect(c.end.done).toBe(false);
    agents.receive('n2', { type: 'log-end', streamId: streamOf('t2').m.streamId, error: 'no container' });
    expect(c.end).toEqual({ done: true, error: undefined });
    expect(c.lines).toEqual([
      { taskId: 't1', slot: 1, nodeId: 'n1', hostname: 'host-n1', stream: 'stdout', timestamp: T(1), text: 'hello one' },
      { taskId: 't2', slot: 2, nodeId: 'n2', hostname: 'host-n2', stream: 'stderr', timestamp: T(3), text: 'Hello two' },
    ]);
    expect(agents.size).toBe(0);
  });

  it('skips a node without a session and still ends', async () => {
    connected.delete('n2');
    const c = collect();
    logs.open({ serviceId: 'web', follow: false, taskIds: ['t2'] }, c.sink);
    await waitFor('the end', async () => c.end.done);
    expect(c.lines).toEqual([]);
  });

  it('following: adds tasks that start later, ends streams of a closed session, and cancels the rest when stopped', async () => {
    const c = collect();
    const stop = logs.open({ serviceId: 'web', follow: true }, c.sink);
    expect(requests().map((r) => r.m.taskId)).toEqual(['t1', 't2']);
    await f.patchTask('t3', { nodeId: 'n2', status: { state: TaskState.STARTING, message: '', timestamp: T(5) } });
    await waitFor('a stream for the new task', async () => requests().some((r) => r.m.taskId === 't3'));
    agents.sessionClosed('n2');
    expect(agents.size).toBe(1);
    expect(c.end.done).toBe(false);
    stop();
    expect(c.end.done).toBe(true);
    expect(sent.filter((s) => s.m.type === 'logs-cancel')).toEqual([{ nodeId: 'n1', m: { type: 'logs-cancel', streamId: streamOf('t1').m.streamId } }]);
  });

  it('following: resumes a running task after its last line when its node comes back, without repeating lines', async () => {
    const c = collect();
    const stop = logs.open({ serviceId: 'web', follow: true, tail: 5 }, c.sink);
    const first = streamOf('t1').m.streamId;
    agents.receive('n1', { type: 'log-batch', streamId: first, lines: [{ stream: 'stdout', timestamp: T(1), text: 'one' }] });
    agents.sessionClosed('n1');
    // The completed task on the other node is not resumed; the running one is, once n1 is back.
    await waitFor('a new request for t1', async () => requests().filter((r) => r.m.taskId === 't1').length === 2);
    const again = requests().filter((r) => r.m.taskId === 't1')[1].m;
    expect(again).toMatchObject({ follow: true, since: Math.floor(Date.parse(T(1)) / 1000) });
    expect(again.tail).toBeUndefined();
    agents.receive('n1', {
      type: 'log-batch',
      streamId: again.streamId,
      lines: [
        { stream: 'stdout', timestamp: T(1), text: 'one' },
        { stream: 'stdout', timestamp: T(2), text: 'two' },
      ],
    });
    expect(c.lines.map((l) => l.text)).toEqual(['one', 'two']);
    expect(requests().filter((r) => r.m.taskId === 't2')).toHaveLength(1);
    stop();
  });
});
