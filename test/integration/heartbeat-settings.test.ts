import { ExtraAgent, SLEEPER_ARGS, TEST_IMAGE, TestCluster, addAgent, startCluster, waitFor } from '@shoal/testing';

interface Task {
  id: string;
  nodeId: string | null;
  desiredState: string;
  status: { state: string };
}

/**
 * Node-down detection with a period changed through the API (issue 4), on real processes:
 * the cluster starts with heartbeats so slow that a dead node would go unnoticed for minutes;
 * lowering them through updateClusterSettings reaches the connected agents at once, and an
 * agent killed afterwards is marked DOWN and its task replaced on the other node.
 */
describe('heartbeat settings changed through the API', () => {
  let c: TestCluster;
  let b: ExtraAgent;
  beforeAll(async () => {
    // 10 s × 20: a dead node would be DOWN after 200 s, well past every wait below.
    c = await startCluster({ manager: { SHOAL_HEARTBEAT_PERIOD_MS: '10000', SHOAL_HEARTBEAT_GRACE: '20' } });
    b = await addAgent(c);
  });
  afterAll(async () => {
    await b?.stop();
    await c?.stop();
  });

  const settings = async () =>
    (
      await c.api.must<{ cluster: { settings: { heartbeatPeriodMs: number; heartbeatGrace: number } } }>(
        '{ cluster { settings { heartbeatPeriodMs heartbeatGrace } } }',
      )
    ).cluster.settings;
  const nodeState = async (id: string) =>
    (await c.api.must<{ node: { status: { state: string } } }>('query($id: ID!) { node(id: $id) { status { state } } }', { id })).node.status.state;

  it('refuses a period or grace out of bounds with a coded field error, writing nothing', async () => {
    const tooFast = await c.api.request('mutation { updateClusterSettings(input: { heartbeatPeriodMs: 50 }) { id } }');
    expect(tooFast.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.heartbeatPeriodMs' } });
    const noGrace = await c.api.request('mutation { updateClusterSettings(input: { heartbeatPeriodMs: 200, heartbeatGrace: 1 }) { id } }');
    expect(noGrace.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.heartbeatGrace' } });
    expect(await settings()).toEqual({ heartbeatPeriodMs: 10_000, heartbeatGrace: 20 });
  });

  it('applies a lower period to connected agents at once, and replaces the tasks of a killed node', async () => {
    const { updateClusterSettings } = await c.api.must<{ updateClusterSettings: { settings: unknown } }>(
      'mutation { updateClusterSettings(input: { heartbeatPeriodMs: 200, heartbeatGrace: 3 }) { settings { heartbeatPeriodMs heartbeatGrace } } }',
    );
    expect(updateClusterSettings.settings).toEqual({ heartbeatPeriodMs: 200, heartbeatGrace: 3 });
    await waitFor('both agents to switch to the new period', () =>
      [c.agent.process.output, b.agent.process.output].every((out) => out.includes('heartbeat period is now 200 ms')),
    );

    const { createService } = await c.api.must<{ createService: { id: string } }>(
      'mutation($input: CreateServiceInput!) { createService(input: $input) { id } }',
      { input: { name: 'beats', image: TEST_IMAGE, args: SLEEPER_ARGS, replicas: 2 } },
    );
    const tasks = async () =>
      (
        await c.api.must<{ tasks: { items: Task[] } }>(
          'query($id: ID!) { tasks(first: 100, filter: { serviceId: $id }) { items { id nodeId desiredState status { state } } } }',
          {
            id: createService.id,
          },
        )
      ).tasks.items;
    await waitFor('a task running on each node', async () => {
      const running = (await tasks()).filter((t) => t.status.state === 'RUNNING');
      return running.length === 2 && new Set(running.map((t) => t.nodeId)).size === 2;
    });
    // The agents kept up with the faster pace: neither session expired meanwhile.
    expect(await nodeState(b.nodeId)).toBe('READY');
    expect(b.agent.process.output + c.agent.process.output).not.toMatch(/heartbeat expired/);
    const onB = (await tasks()).find((t) => t.nodeId === b.nodeId && t.status.state === 'RUNNING')!;

    await b.agent.process.kill('SIGKILL');
    await waitFor('the killed node to be DOWN', async () => (await nodeState(b.nodeId)) === 'DOWN', 30_000);
    // The killed node's task is shut down (its agent is gone: nobody reports it stopped) and replaced.
    await waitFor('both tasks running on the remaining node', async () => {
      const all = await tasks();
      return (
        all.filter((t) => t.nodeId === c.nodeId && t.status.state === 'RUNNING').length === 2 && all.find((t) => t.id === onB.id)?.desiredState === 'SHUTDOWN'
      );
    });
  });
});
