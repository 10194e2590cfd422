import Docker from 'dockerode';
import { SLEEPER_ARGS, TEST_IMAGE, TestCluster, startCluster, waitFor } from '@shoal/testing';

/** A service's lifecycle on the real Docker Engine, as an operator would drive it. */
describe('services on the real engine', () => {
  let c: TestCluster;
  const docker = new Docker();
  beforeAll(async () => {
    c = await startCluster();
  });
  afterAll(() => c?.stop());

  const running = async (service: string) => (await c.containers()).filter((x) => x.Labels['shoal.service.name'] === service);
  const runningReplicas = async (id: string) =>
    (await c.api.must<{ service: { runningReplicas: number } }>('query($id: ID!) { service(id: $id) { runningReplicas } }', { id })).service.runningReplicas;

  it('runs, scales, updates, heals and removes a service', async () => {
    const { createService } = await c.api.must<{ createService: { id: string; version: number; replicas: number } }>(
      `mutation($input: CreateServiceInput!) { createService(input: $input) { id version replicas } }`,
      { input: { name: 'web', image: TEST_IMAGE, replicas: 3, args: SLEEPER_ARGS, env: ['GREETING=hello'], labels: [{ key: 'team', value: 'a' }] } },
    );
    const id = createService.id;
    expect(createService.replicas).toBe(3);

    // 3 replicas → 3 running containers, labelled with node, service and task ids
    await waitFor('3 running containers', async () => (await running('web')).length === 3 && (await runningReplicas(id)) === 3);
    const three = await running('web');
    expect(new Set(three.map((x) => x.Labels['shoal.task.slot']))).toEqual(new Set(['1', '2', '3']));
    expect(three.every((x) => x.Labels['shoal.node.id'] === c.nodeId && x.Labels['shoal.service.id'] === id && x.Labels['shoal.task.id'])).toBe(true);
    const env = (await docker.getContainer(three[0].Id).inspect()).Config.Env;
    expect(env).toContain('GREETING=hello');

    // scale to 5 and back to 2
    await c.api.must('mutation($id: ID!) { scaleService(id: $id, replicas: 5) { replicas } }', { id });
    await waitFor('5 running containers', async () => (await running('web')).length === 5 && (await runningReplicas(id)) === 5);
    await c.api.must('mutation($id: ID!) { scaleService(id: $id, replicas: 2) { replicas } }', { id });
    await waitFor('2 running containers', async () => (await running('web')).length === 2 && (await runningReplicas(id)) === 2);
    const slots = (await running('web')).map((x) => x.Labels['shoal.task.slot']).sort();
    expect(slots).toEqual(['1', '2']);

    // update the command → every task replaced by one running the new spec
    const before = new Set((await running('web')).map((x) => x.Id));
    const { service } = await c.api.must<{ service: { version: number } }>('query($id: ID!) { service(id: $id) { version } }', { id });
    const newArgs = ['sh', '-c', 'trap "exit 0" TERM; echo v2; while true; do sleep 1; done'];
    await c.api.must('mutation($id: ID!, $v: Int!, $input: UpdateServiceInput!) { updateService(id: $id, version: $v, input: $input) { version } }', {
      id,
      v: service.version,
      input: { args: newArgs },
    });
    await waitFor('2 new containers running the new command', async () => {
      const now = await running('web');
      return now.length === 2 && now.every((x) => !before.has(x.Id)) && (await runningReplicas(id)) === 2;
    });
    const updated = await docker.getContainer((await running('web'))[0].Id).inspect();
    expect(updated.Config.Cmd).toEqual(newArgs);
    const { service: afterUpdate } = await c.api.must<{ service: { spec: { args: string[] }; previousSpec: { args: string[] } } }>(
      'query($id: ID!) { service(id: $id) { spec { args } previousSpec { args } } }',
      { id },
    );
    expect(afterUpdate.spec.args).toEqual(newArgs);
    expect(afterUpdate.previousSpec.args).toEqual(SLEEPER_ARGS);

    // kill a task's container → a new task replaces it; the old one is history, FAILED with its exit code
    const victim = (await running('web'))[0];
    await docker.getContainer(victim.Id).kill();
    await waitFor('a replacement container', async () => {
      const now = await running('web');
      return now.length === 2 && !now.some((x) => x.Id === victim.Id);
    });
    const {
      tasks: { items: tasks },
    } = await c.api.must<{ tasks: { items: { id: string; desiredState: string; status: { state: string; exitCode: number | null } }[] } }>(
      'query($id: ID!) { tasks(filter: { serviceId: $id }) { items { id desiredState status { state exitCode } } } }',
      { id },
    );
    const killed = tasks.find((t) => t.id === victim.Labels['shoal.task.id'])!;
    expect(killed).toMatchObject({ desiredState: 'SHUTDOWN', status: { state: 'FAILED', exitCode: 137 } });

    // remove → containers gone, tasks gone
    expect((await c.api.must<{ removeService: boolean }>('mutation($id: ID!) { removeService(id: $id) }', { id })).removeService).toBe(true);
    await waitFor(
      'every container of the service removed',
      async () => (await c.containers({ all: true })).filter((x) => x.Labels['shoal.service.id'] === id).length === 0,
    );
    await waitFor(
      'its tasks reaped',
      async () =>
        (await c.api.must<{ tasks: { items: unknown[] } }>('query($id: ID!) { tasks(filter: { serviceId: $id }) { items { id } } }', { id })).tasks.items
          .length === 0,
    );
    expect((await c.api.must<{ service: unknown }>('query($id: ID!) { service(id: $id) { id } }', { id })).service).toBeNull();
  });

  it('publishes a port on the node in host mode', async () => {
    const { createService } = await c.api.must<{ createService: { id: string } }>(
      `mutation($input: CreateServiceInput!) { createService(input: $input) { id } }`,
      {
        input: { name: 'http', image: TEST_IMAGE, replicas: 1, args: ['httpd', '-f', '-p', '8080', '-h', '/www'], ports: [{ target: 8080, published: 18080 }] },
      },
    );
    const body = await waitFor('the published port to answer', async () => {
      const r = await fetch('http://127.0.0.1:18080/').catch(() => undefined);
      return r?.ok ? r.text() : undefined;
    });
    expect(body).toContain('shoal test page');
    await c.api.must('mutation($id: ID!) { removeService(id: $id) }', { id: createService.id });
  });

  it('reports an image that cannot be pulled as REJECTED with the engine error', async () => {
    const { createService } = await c.api.must<{ createService: { id: string } }>(
      `mutation($input: CreateServiceInput!) { createService(input: $input) { id } }`,
      {
        input: { name: 'missing', image: '127.0.0.1:1/nope:1', replicas: 1 },
      },
    );
    const task = await waitFor('a rejected task', async () => {
      const {
        tasks: { items: tasks },
      } = await c.api.must<{ tasks: { items: { status: { state: string; err: string | null; message: string } }[] } }>(
        'query($id: ID!) { tasks(filter: { serviceId: $id }) { items { status { state err message } } } }',
        { id: createService.id },
      );
      return tasks.find((t) => t.status.state === 'REJECTED');
    });
    expect(task.status.message).toBe('pulling image 127.0.0.1:1/nope:1 failed');
    expect(task.status.err).toMatch(/connection refused|dial tcp/);
    await c.api.must('mutation($id: ID!) { removeService(id: $id) }', { id: createService.id });
  });

  it('drains a node: its tasks stop and wait with an explanation, and come back when it is active again', async () => {
    const { createService } = await c.api.must<{ createService: { id: string } }>(
      `mutation($input: CreateServiceInput!) { createService(input: $input) { id } }`,
      {
        input: { name: 'drained', image: TEST_IMAGE, replicas: 2, args: SLEEPER_ARGS },
      },
    );
    await waitFor('2 running', async () => (await running('drained')).length === 2);
    const setAvailability = async (availability: string) => {
      const { node } = await c.api.must<{ node: { version: number } }>('query($id: ID!) { node(id: $id) { version } }', { id: c.nodeId });
      await c.api.must('mutation($id: ID!, $v: Int!, $a: NodeAvailability!) { updateNode(id: $id, version: $v, input: { availability: $a }) { id } }', {
        id: c.nodeId,
        v: node.version,
        a: availability,
      });
    };
    await setAvailability('DRAIN');
    await waitFor('no running container', async () => (await running('drained')).length === 0);
    const pending = await waitFor('2 pending tasks with the reason', async () => {
      const {
        tasks: { items: tasks },
      } = await c.api.must<{ tasks: { items: { status: { state: string; message: string } }[] } }>(
        'query($id: ID!) { tasks(filter: { serviceId: $id, desiredState: RUNNING }) { items { status { state message } } } }',
        { id: createService.id },
      );
      return tasks.length === 2 && tasks.every((t) => t.status.state === 'PENDING' && t.status.message.includes('drained')) ? tasks : undefined;
    });
    expect(pending[0].status.message).toBe('no suitable node (1 node: 1 node is drained)');
    await setAvailability('ACTIVE');
    await waitFor('2 running again', async () => (await running('drained')).length === 2 && (await runningReplicas(createService.id)) === 2);
    await c.api.must('mutation($id: ID!) { removeService(id: $id) }', { id: createService.id });
  });
});
