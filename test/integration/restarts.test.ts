import { SLEEPER_ARGS, TEST_IMAGE, TestCluster, sleep, startCluster, waitFor } from '@shoal/testing';

/**
 * Crash stories: the agent restarts and adopts its containers; the manager is killed
 * with SIGKILL and restarted with everything acknowledged intact and nothing restarted.
 */
describe('restarts on the real engine', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = await startCluster();
  });
  afterAll(() => c?.stop());

  const snapshot = async () =>
    (await c.containers({ all: true }))
      .map((x) => `${x.Id}:${x.State}`)
      .sort()
      .join(',');
  const tasks = async () =>
    (
      await c.api.must<{ tasks: { items: { id: string; desiredState: string; status: { state: string } }[] } }>(
        '{ tasks { items { id desiredState status { state } } } }',
      )
    ).tasks.items
      .map((t) => `${t.id}:${t.desiredState}:${t.status.state}`)
      .sort();

  it('after an agent restart, adopts the containers it runs: no duplicates, no orphans, no restarts', async () => {
    await c.api.must(`mutation($input: CreateServiceInput!) { createService(input: $input) { id } }`, {
      input: { name: 'adopt', image: TEST_IMAGE, replicas: 3, args: SLEEPER_ARGS },
    });
    await waitFor('3 running', async () => (await c.containers()).length === 3);
    const before = await snapshot();
    const startedAt = (await c.containers()).map((x) => x.Created);

    await c.agent.process.kill('SIGTERM');
    expect((await c.containers()).length).toBe(3); // stopping the agent leaves containers running
    c.agent.start();
    await waitFor('the agent to reconnect', () => /session open/.test(c.agent.process.output.split('SIGTERM').pop() ?? ''));
    await sleep(2000); // give it time to do anything wrong
    expect(await snapshot()).toBe(before);
    expect((await c.containers()).map((x) => x.Created)).toEqual(startedAt);
    const {
      nodes: { items: nodes },
    } = await c.api.must<{ nodes: { items: { id: string; status: { state: string } }[] } }>('{ nodes { items { id status { state } } } }');
    expect(nodes).toEqual([{ id: c.nodeId, status: { state: 'READY' } }]);
  });

  it('after kill -9 of the manager and a restart, services and tasks are intact and nothing restarts', async () => {
    const { createService } = await c.api.must<{ createService: { id: string } }>(
      `mutation($input: CreateServiceInput!) { createService(input: $input) { id } }`,
      {
        input: { name: 'durable', image: TEST_IMAGE, replicas: 2, args: SLEEPER_ARGS },
      },
    );
    await waitFor('5 running', async () => (await c.containers()).length === 5);
    // Acknowledged just before the kill: must survive it.
    await c.api.must('mutation($id: ID!) { scaleService(id: $id, replicas: 3) { replicas } }', { id: createService.id });
    await waitFor('6 running', async () => (await c.containers()).length === 6);
    await sleep(300); // let the agent's RUNNING reports land
    const servicesBefore = (await c.api.must<{ services: { items: unknown[] } }>('{ services { items { id name version replicas } } }')).services.items;
    const tasksBefore = await tasks();
    const containersBefore = await snapshot();

    await c.manager.process.kill('SIGKILL');
    await c.manager.start();
    await waitFor('the node back to READY', async () => {
      const {
        nodes: { items: nodes },
      } = await c.api.must<{ nodes: { items: { status: { state: string } }[] } }>('{ nodes { items { status { state } } } }');
      return nodes[0]?.status.state === 'READY' && /session open/.test(c.agent.process.output.split('closed').pop() ?? '');
    });
    await sleep(4000); // past the heartbeat grace: nothing may have been replaced meanwhile
    expect((await c.api.must<{ services: { items: unknown[] } }>('{ services { items { id name version replicas } } }')).services.items).toEqual(
      servicesBefore,
    );
    expect(await tasks()).toEqual(tasksBefore);
    expect(await snapshot()).toBe(containersBefore);
  });

  it('marks the node down when its agent is killed with SIGKILL, and converges again when it comes back', async () => {
    const { createService } = await c.api.must<{ createService: { id: string } }>(
      `mutation($input: CreateServiceInput!) { createService(input: $input) { id } }`,
      {
        input: { name: 'heartbeat', image: TEST_IMAGE, replicas: 1, args: SLEEPER_ARGS },
      },
    );
    const service = async () =>
      (
        await c.api.must<{ service: { runningReplicas: number; tasks: { id: string; desiredState: string; status: { state: string; message: string } }[] } }>(
          'query($id: ID!) { service(id: $id) { runningReplicas tasks { id desiredState status { state message } } } }',
          { id: createService.id },
        )
      ).service;
    await waitFor('1 running', async () => (await service()).runningReplicas === 1);
    const first = (await service()).tasks[0].id;

    await c.agent.process.kill('SIGKILL');
    const node = await waitFor('the node marked down', async () => {
      const r = await c.api.must<{ node: { status: { state: string; message: string } } }>('query($id: ID!) { node(id: $id) { status { state message } } }', {
        id: c.nodeId,
      });
      return r.node.status.state === 'DOWN' ? r.node : undefined;
    });
    expect(node.status.message).toBe('heartbeat failure');
    const waiting = await waitFor('a replacement waiting for a node', async () =>
      (await service()).tasks.find((t) => t.desiredState === 'RUNNING' && t.id !== first && t.status.state === 'PENDING'),
    );
    expect(waiting.status.message).toBe('no suitable node (1 node: 1 node is not ready (down or not connected))');

    c.agent.start();
    await waitFor('the replacement running and the old container gone', async () => {
      const s = await service();
      const live = (await c.containers()).filter((x) => x.Labels['shoal.service.id'] === createService.id);
      return s.runningReplicas === 1 && live.length === 1 && live[0].Labels['shoal.task.id'] !== first;
    });
    expect((await service()).tasks.find((t) => t.id === first)?.desiredState).toBe('SHUTDOWN');
  });
});
