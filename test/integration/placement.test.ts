import Docker from 'dockerode';
import { ExtraAgent, SLEEPER_ARGS, TEST_IMAGE, TestCluster, addAgent, startCluster, waitFor } from '@shoal/testing';

const CREATE = `mutation($input: CreateServiceInput!) { createService(input: $input) { id version } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $input: UpdateServiceInput!) { updateService(id: $id, version: $v, input: $input) { id version } }`;

interface Task {
  nodeId: string | null;
  status: { state: string; message: string };
}
interface Report {
  summary: string | null;
  nodes: { nodeId: string; hostname: string; eligible: boolean; reasons: string[] }[];
}

/** Placement on the real engine: constraints, reservations, limits, host ports, several nodes. */
describe('placement', () => {
  let c: TestCluster;
  const docker = new Docker();
  beforeAll(async () => {
    c = await startCluster();
  });
  afterAll(() => c?.stop());

  const create = async (input: Record<string, unknown>) =>
    (await c.api.must<{ createService: { id: string; version: number } }>(CREATE, { input: { image: TEST_IMAGE, args: SLEEPER_ARGS, ...input } }))
      .createService;
  const remove = (id: string) => c.api.must('mutation($id: ID!) { removeService(id: $id) }', { id });
  const tasks = async (id: string) =>
    (
      await c.api.must<{ tasks: { items: Task[] } }>(
        'query($id: ID!) { tasks(filter: { serviceId: $id, desiredState: RUNNING }) { items { nodeId status { state message } } } }',
        {
          id,
        },
      )
    ).tasks.items;
  const report = async (id: string) =>
    (
      await c.api.must<{ service: { placement: Report } }>(
        'query($id: ID!) { service(id: $id) { placement { summary nodes { nodeId hostname eligible reasons } } } }',
        { id },
      )
    ).service.placement;
  const pending = (id: string, n: number, message: string) =>
    waitFor(`${n} pending tasks saying "${message}"`, async () => {
      const ts = await tasks(id);
      return ts.length === n && ts.every((t) => t.status.state === 'PENDING' && t.status.message === message) ? ts : undefined;
    });
  const running = async (service: string, on: { containers(): Promise<Docker.ContainerInfo[]> } = c) =>
    (await on.containers()).filter((x) => x.Labels['shoal.service.name'] === service);
  const setNodeLabels = async (nodeId: string, labels: { key: string; value: string }[]) => {
    const { node } = await c.api.must<{ node: { version: number } }>('query($id: ID!) { node(id: $id) { version } }', { id: nodeId });
    await c.api.must('mutation($id: ID!, $v: Int!, $labels: [KeyValueInput!]) { updateNode(id: $id, version: $v, input: { labels: $labels }) { id } }', {
      id: nodeId,
      v: node.version,
      labels,
    });
  };

  it('keeps tasks pending on a constraint no node meets, says why node by node, and runs them once a node gets the label', async () => {
    const { id } = await create({ name: 'zoned', replicas: 2, placement: { constraints: ['node.labels.zone==eu'] } });
    await pending(id, 2, 'no suitable node (1 node: 1 node fails constraint node.labels.zone==eu (node.labels.zone is not set))');
    expect(await report(id)).toEqual({
      summary: 'no suitable node (1 node: 1 node fails constraint node.labels.zone==eu (node.labels.zone is not set))',
      nodes: [
        {
          nodeId: c.nodeId,
          hostname: expect.any(String),
          eligible: false,
          reasons: ['constraint: node fails constraint node.labels.zone==eu (node.labels.zone is not set)'],
        },
      ],
    });
    expect(await running('zoned')).toEqual([]);

    await setNodeLabels(c.nodeId, [{ key: 'zone', value: 'eu' }]);
    await waitFor('2 running containers', async () => (await running('zoned')).length === 2);
    await waitFor('2 tasks running on the node', async () => {
      const ts = await tasks(id);
      return ts.length === 2 && ts.every((t) => t.nodeId === c.nodeId && t.status.state === 'RUNNING');
    });
    expect(await report(id)).toMatchObject({ summary: null, nodes: [{ nodeId: c.nodeId, eligible: true, reasons: [] }] });

    await remove(id);
    await setNodeLabels(c.nodeId, []);
  });

  it('keeps tasks pending when the reservation is larger than the node, with what is free', async () => {
    const {
      nodes: { items: nodes },
    } = await c.api.must<{ nodes: { items: { description: { cpus: number } }[] } }>('{ nodes { items { description { cpus } } } }');
    const { id } = await create({ name: 'huge', replicas: 1, resources: { reservations: { nanoCpus: 1000e9 } } });
    const cpus = nodes[0].description.cpus;
    await pending(id, 1, `no suitable node (1 node: 1 node has ${cpus} CPU free, 1000 needed (0 of ${cpus} reserved))`);
    expect((await report(id)).nodes[0].reasons).toEqual([`resources: node has ${cpus} CPU free, 1000 needed (0 of ${cpus} reserved)`]);
    await remove(id);
  });

  it('applies limits and the memory reservation to the real container', async () => {
    const resources = { reservations: { nanoCpus: 1e8, memoryBytes: 32 * 2 ** 20 }, limits: { nanoCpus: 5e8, memoryBytes: 64 * 2 ** 20, pids: 50 } };
    const { id } = await create({ name: 'limited', replicas: 1, resources });
    const [container] = await waitFor('a running container', async () => ((await running('limited')).length === 1 ? running('limited') : undefined));
    const { HostConfig } = await docker.getContainer(container.Id).inspect();
    expect(HostConfig).toMatchObject({ NanoCpus: 5e8, Memory: 64 * 2 ** 20, MemoryReservation: 32 * 2 ** 20, PidsLimit: 50 });
    const { service } = await c.api.must<{ service: { spec: { resources: unknown } } }>(
      'query($id: ID!) { service(id: $id) { spec { resources { reservations { nanoCpus memoryBytes } limits { nanoCpus memoryBytes pids } } } } }',
      { id },
    );
    expect(service.spec.resources).toEqual(resources);
    await remove(id);
  });

  it('puts one task publishing a host port on the node, and keeps the second pending', async () => {
    const { id } = await create({
      name: 'ported',
      replicas: 2,
      args: ['httpd', '-f', '-p', '8080', '-h', '/www'],
      ports: [{ target: 8080, published: 18095 }],
    });
    await waitFor('1 running, 1 pending on the port', async () => {
      const ts = await tasks(id);
      return (
        ts.filter((t) => t.status.state === 'RUNNING').length === 1 &&
        ts.filter((t) => t.status.state === 'PENDING' && t.status.message === 'no suitable node (1 node: 1 node already publishes port 18095/tcp)').length === 1
      );
    });
    expect(await running('ported')).toHaveLength(1);
    await remove(id);
  });

  describe('on two nodes', () => {
    let second: ExtraAgent;
    beforeAll(async () => {
      second = await addAgent(c, { SHOAL_NODE_LABELS: 'zone=b' });
    });
    afterAll(async () => {
      // Stopped before its tasks are gone, the node would keep them, and the manager would
      // still be writing (tasks reaped, node marked down) while the next tests count entries.
      if (!second) return;
      await waitFor('the second node has no tasks left', async () => {
        const r = await c.api.must<{ tasks: { items: unknown[] } }>('query($n: ID!) { tasks(filter: { nodeId: $n }) { items { id } } }', { n: second.nodeId });
        return r.tasks.items.length === 0;
      });
      await second.stop();
    });

    it('follows constraints on the agent labels and the hostname', async () => {
      const notB = await create({ name: 'not-b', replicas: 3, placement: { constraints: ['node.labels.zone!=b'] } });
      const onSecond = await create({ name: 'on-second', replicas: 2, placement: { constraints: [`node.hostname==${second.hostname}`] } });
      await waitFor('3 + 2 running containers', async () => (await running('not-b')).length === 3 && (await running('on-second', second)).length === 2);
      expect(await running('not-b', second)).toEqual([]);
      expect(await running('on-second')).toEqual([]);
      const placement = await report(notB.id);
      expect(placement.nodes.find((n) => n.nodeId === second.nodeId)).toMatchObject({
        eligible: false,
        reasons: ['constraint: node fails constraint node.labels.zone!=b (node.labels.zone is "b")'],
      });
      await remove(notB.id);
      await remove(onSecond.id);
    });

    it('binpack fills one node where spread would share them out', async () => {
      const { id } = await create({ name: 'packed', replicas: 3, placement: { strategy: 'BINPACK' } });
      const counts = async () => [(await running('packed')).length, (await running('packed', second)).length].sort();
      await waitFor('3 running containers', async () => (await counts()).reduce((a, b) => a + b) === 3);
      expect(await counts()).toEqual([0, 3]);
      await remove(id);
    });

    it('moves a running task off a node whose labels stop meeting its constraint (the constraint enforcer)', async () => {
      await setNodeLabels(c.nodeId, [{ key: 'tier', value: 'front' }]);
      const { id } = await create({ name: 'front', replicas: 1, placement: { constraints: ['node.labels.tier==front'] } });
      await waitFor('the task running on the first node', async () => (await running('front')).length === 1);

      await setNodeLabels(c.nodeId, []);
      await pending(id, 1, 'no suitable node (2 nodes: 2 nodes fail constraint node.labels.tier==front (node.labels.tier is not set))');
      await waitFor('the container gone from the first node', async () => (await running('front')).length === 0);
      expect(await running('front', second)).toEqual([]);

      await setNodeLabels(second.nodeId, [{ key: 'tier', value: 'front' }]);
      await waitFor('the replacement running on the second node', async () => {
        const ts = await tasks(id);
        return ts.length === 1 && ts[0].nodeId === second.nodeId && ts[0].status.state === 'RUNNING' && (await running('front', second)).length === 1;
      });
      expect(await running('front')).toEqual([]);
      await remove(id);
      await setNodeLabels(second.nodeId, []);
    });

    it('drains a node: its tasks move to the other node and run there', async () => {
      const setAvailability = async (nodeId: string, availability: string) => {
        const { node } = await c.api.must<{ node: { version: number } }>('query($id: ID!) { node(id: $id) { version } }', { id: nodeId });
        await c.api.must('mutation($id: ID!, $v: Int!, $a: NodeAvailability!) { updateNode(id: $id, version: $v, input: { availability: $a }) { id } }', {
          id: nodeId,
          v: node.version,
          a: availability,
        });
      };
      const { id } = await create({ name: 'movers', replicas: 2 });
      await waitFor('one running on each node', async () => (await running('movers')).length === 1 && (await running('movers', second)).length === 1);
      await setAvailability(c.nodeId, 'DRAIN');
      await waitFor('both running on the second node, none on the drained one', async () => {
        const ts = await tasks(id);
        return (
          ts.length === 2 &&
          ts.every((t) => t.nodeId === second.nodeId && t.status.state === 'RUNNING') &&
          (await running('movers', second)).length === 2 &&
          (await running('movers')).length === 0
        );
      });
      await setAvailability(c.nodeId, 'ACTIVE');
      await remove(id);
    });

    it('keeps to maxReplicasPerNode and explains the task left over', async () => {
      const { id } = await create({ name: 'one-each', replicas: 3, placement: { maxReplicasPerNode: 1 } });
      await waitFor('1 running on each node', async () => (await running('one-each')).length === 1 && (await running('one-each', second)).length === 1);
      const leftOver = await waitFor('the third task pending with the reason', async () => {
        const ts = (await tasks(id)).filter((t) => t.status.state === 'PENDING' && t.status.message.startsWith('no suitable node'));
        return ts.length === 1 ? ts[0] : undefined;
      });
      expect(leftOver.status.message).toBe("no suitable node (2 nodes: 2 nodes already run 1 of the service's tasks (maxReplicasPerNode))");
      await remove(id);
    });

    // Last of the block: the dead node stays listed (DOWN), which the explanations above would count.
    it('moves the tasks of a node whose agent dies to another node', async () => {
      const third = await addAgent(c, { SHOAL_NODE_LABELS: 'zone=c' });
      const { id } = await create({ name: 'survivors', replicas: 2, placement: { constraints: ['node.labels.zone!=b'] } });
      await waitFor(
        'one running on the first and third nodes',
        async () => (await running('survivors')).length === 1 && (await running('survivors', third)).length === 1,
      );
      await third.agent.process.kill('SIGKILL');
      await waitFor('both running on the first node', async () => {
        const ts = await tasks(id);
        return ts.length === 2 && ts.every((t) => t.nodeId === c.nodeId && t.status.state === 'RUNNING') && (await running('survivors')).length === 2;
      });
      await remove(id);
      // Back, the agent stops the container it left running and its task is reaped; then it goes for good.
      third.agent.start();
      await waitFor('the third node has no tasks left', async () => {
        const r = await c.api.must<{ tasks: { totalCount: number } }>('query($n: ID!) { tasks(filter: { nodeId: $n }) { totalCount } }', { n: third.nodeId });
        return r.tasks.totalCount === 0 && (await third.containers({ all: true })).length === 0;
      });
      await third.stop();
    });
  });

  describe('bad input: a clear error with a code, and nothing written', () => {
    // Only the request under test may move the applied index: wait until the earlier tests'
    // tasks are reaped and the stopped second node is marked down.
    beforeAll(() =>
      waitFor('earlier tests settled', async () => {
        const r = await c.api.must<{ tasks: { items: unknown[] }; nodes: { items: { status: { state: string } }[] } }>(
          '{ tasks { items { id } } nodes { items { status { state } } } }',
        );
        return r.tasks.items.length === 0 && r.nodes.items.filter((n) => n.status.state !== 'DOWN').length === 1;
      }),
    );

    // Every row has four cells: Jest passes `done` to a test function with more parameters than cells.
    const badCases: [string, Record<string, unknown>, string | null, RegExp][] = [
      [
        'a constraint without an operator',
        { placement: { constraints: ['node.labels.zone=eu'] } },
        'input.placement.constraints[0]',
        /is not <attribute>==<value>/,
      ],
      [
        'a constraint on an unknown attribute',
        { placement: { constraints: ['node.labels.a==1', 'zone==eu'] } },
        'input.placement.constraints[1]',
        /unknown attribute "zone"/,
      ],
      ['a constraint without a value', { placement: { constraints: ['node.hostname!='] } }, 'input.placement.constraints[0]', /no value/],
      [
        'a preference that is not a label',
        { placement: { preferences: [{ spread: 'node.hostname' }] } },
        'input.placement.preferences[0].spread',
        /not node.labels/,
      ],
      ['an unknown kind of preference', { placement: { preferences: [{ pack: 'node.labels.zone' }] } }, null, /pack/],
      ['an unknown strategy', { placement: { strategy: 'RANDOM' } }, null, /RANDOM/],
      ['a negative max replicas per node', { placement: { maxReplicasPerNode: -1 } }, 'input.placement.maxReplicasPerNode', /0 \(no limit\)/],
      ['a negative CPU reservation', { resources: { reservations: { nanoCpus: -1 } } }, 'input.resources.reservations.nanoCpus', /0 or more/],
      ['a fractional memory limit', { resources: { limits: { memoryBytes: 1.5 } } }, 'input.resources.limits.memoryBytes', /whole number/],
      [
        'a limit below the reservation',
        { resources: { reservations: { memoryBytes: 2 ** 30 }, limits: { memoryBytes: 2 ** 29 } } },
        'input.resources.limits.memoryBytes',
        /below the reservation/,
      ],
    ];

    it.each(badCases)('createService with %s', async (_what, extra, field, message) => {
      const before = await c.api.must<{ cluster: { appliedIndex: number } }>('{ cluster { appliedIndex } }');
      const r = await c.api.request(CREATE, { input: { name: 'bad', image: TEST_IMAGE, ...extra } });
      expect(r.data ?? null).toBeNull();
      expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0].message).toMatch(message);
      if (field) {
        expect(r.errors?.[0].extensions?.field).toBe(field);
        expect(r.errors?.[0].message.startsWith(`${field}: `)).toBe(true);
      }
      const after = await c.api.must<{ cluster: { appliedIndex: number } }>('{ cluster { appliedIndex } }');
      expect(after.cluster.appliedIndex).toBe(before.cluster.appliedIndex);
      expect((await c.api.must<{ service: unknown }>('{ service(name: "bad") { id } }')).service).toBeNull();
    });

    it('updateService with an invalid constraint changes nothing', async () => {
      const { id, version } = await create({ name: 'kept', replicas: 0, placement: { constraints: ['node.role==worker'] } });
      const before = await c.api.must<{ cluster: { appliedIndex: number } }>('{ cluster { appliedIndex } }');
      const r = await c.api.request(UPDATE, { id, v: version, input: { placement: { constraints: ['node.role==boss'] } } });
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.placement.constraints[0]' });
      expect(r.errors?.[0].message).toBe('input.placement.constraints[0]: "node.role==boss": node.role is manager or worker');
      const after = await c.api.must<{ cluster: { appliedIndex: number } }>('{ cluster { appliedIndex } }');
      expect(after.cluster.appliedIndex).toBe(before.cluster.appliedIndex);
      const { service } = await c.api.must<{ service: { version: number; spec: { placement: { constraints: string[] } } } }>(
        'query($id: ID!) { service(id: $id) { version spec { placement { constraints } } } }',
        { id },
      );
      expect(service).toEqual({ version, spec: { placement: { constraints: ['node.role==worker'] } } });
      await remove(id);
    });
  });
});
