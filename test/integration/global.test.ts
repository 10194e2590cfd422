import { ExtraAgent, SLEEPER_ARGS, TEST_IMAGE, TestCluster, addAgent, startCluster, waitFor } from '@shoal/testing';

const CREATE = `mutation($input: CreateServiceInput!) { createService(input: $input) { id version } }`;

interface ServiceView {
  spec: { mode: string; replicas: number };
  desiredTasks: number;
  runningReplicas: number;
}

/** A GLOBAL service on the real engine: one container per node, following nodes as they drain and join. */
describe('global services', () => {
  let c: TestCluster;
  let second: ExtraAgent | undefined;
  let third: ExtraAgent | undefined;
  beforeAll(async () => {
    c = await startCluster();
    second = await addAgent(c);
  });
  afterAll(async () => {
    for (const a of [third, second]) await a?.stop();
    await c?.stop();
  });

  const containers = async (on: { containers(): Promise<{ Labels: Record<string, string> }[]> }) =>
    (await on.containers()).filter((x) => x.Labels['shoal.service.name'] === 'agentd').length;
  const view = async (id: string) =>
    (await c.api.must<{ service: ServiceView }>('query($id: ID!) { service(id: $id) { spec { mode replicas } desiredTasks runningReplicas } }', { id }))
      .service;
  const setAvailability = async (nodeId: string, availability: string) => {
    const { node } = await c.api.must<{ node: { version: number } }>('query($id: ID!) { node(id: $id) { version } }', { id: nodeId });
    await c.api.must('mutation($id: ID!, $v: Int!, $a: NodeAvailability) { updateNode(id: $id, version: $v, input: { availability: $a }) { id } }', {
      id: nodeId,
      v: node.version,
      a: availability,
    });
  };

  it('refuses replicas with mode GLOBAL, writing nothing', async () => {
    const before = await c.api.must<{ cluster: { appliedIndex: number } }>('{ cluster { appliedIndex } }');
    const r = await c.api.request(CREATE, { input: { name: 'bad', image: TEST_IMAGE, mode: 'GLOBAL', replicas: 2 } });
    expect(r.data ?? null).toBeNull();
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.replicas' });
    const after = await c.api.must<{ cluster: { appliedIndex: number } }>('{ cluster { appliedIndex } }');
    expect(after.cluster.appliedIndex).toBe(before.cluster.appliedIndex);
  });

  it('runs one container per node, leaves a drained node, and starts one on a node that joins', async () => {
    const { createService } = await c.api.must<{ createService: { id: string } }>(CREATE, {
      input: { name: 'agentd', image: TEST_IMAGE, args: SLEEPER_ARGS, mode: 'GLOBAL' },
    });
    const id = createService.id;
    await waitFor('one container on each of the two nodes', async () => (await containers(c)) === 1 && (await containers(second!)) === 1);
    await waitFor('both tasks running', async () => (await view(id)).runningReplicas === 2);
    expect(await view(id)).toEqual({ spec: { mode: 'GLOBAL', replicas: 0 }, desiredTasks: 2, runningReplicas: 2 });

    await setAvailability(second!.nodeId, 'DRAIN');
    await waitFor('the drained node has no container', async () => (await containers(second!)) === 0);
    expect(await containers(c)).toBe(1);
    expect(await view(id)).toMatchObject({ desiredTasks: 1, runningReplicas: 1 });

    third = await addAgent(c);
    await waitFor('a container on the node that joined', async () => (await containers(third!)) === 1);
    await waitFor('two tasks running', async () => (await view(id)).runningReplicas === 2);
    expect(await containers(c)).toBe(1);
    expect(await containers(second!)).toBe(0);
    expect(await view(id)).toMatchObject({ desiredTasks: 2 });

    await c.api.must('mutation($id: ID!) { removeService(id: $id) }', { id });
    await waitFor('no containers left', async () => (await containers(c)) + (await containers(third!)) === 0);
    await waitFor('no tasks left', async () => (await c.api.must<{ tasks: { items: unknown[] } }>('{ tasks { items { id } } }')).tasks.items.length === 0);
  });
});
