import type { UnplacedTask } from './types';
import { node } from './testing/nodes';
import { schedule } from './scheduler';

const tasks = (serviceId: string, n: number, over: Partial<UnplacedTask> = {}): UnplacedTask[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${serviceId}-${i}`, serviceId, ...over }));
const perNode = (assignments: { nodeId: string }[]) => {
  const m: Record<string, number> = {};
  for (const a of assignments) m[a.nodeId] = (m[a.nodeId] ?? 0) + 1;
  return m;
};

describe('schedule', () => {
  it('spreads the tasks of a service evenly over the nodes', () => {
    const r = schedule({ nodes: [node('a'), node('b'), node('c')], tasks: tasks('web', 6), placed: [] });
    expect(perNode(r.assignments)).toEqual({ a: 2, b: 2, c: 2 });
    expect(r.unplaced).toEqual([]);
  });

  it('prefers the node with fewest tasks of the service, then fewest overall', () => {
    const placed = [
      { nodeId: 'a', serviceId: 'web' },
      { nodeId: 'b', serviceId: 'db' },
      { nodeId: 'b', serviceId: 'db' },
    ];
    const r = schedule({ nodes: [node('a'), node('b'), node('c')], tasks: tasks('web', 2), placed });
    // c has nothing at all; then b (no web task) beats a (one web task) despite having more tasks.
    expect(r.assignments.map((a) => a.nodeId)).toEqual(['c', 'b']);
  });

  it('never places on a node that is down, paused or drained, and says why per node', () => {
    const nodes = [node('a', { ready: false }), node('b', { availability: 'DRAIN' }), node('c', { availability: 'PAUSE' })];
    const r = schedule({ nodes, tasks: tasks('web', 1), placed: [] });
    expect(r.assignments).toEqual([]);
    expect(r.unplaced[0].reason).toBe('no suitable node (3 nodes: 1 node is not ready (down or not connected); 1 node is drained; 1 node is paused)');
    expect(r.unplaced[0].verdicts.map((v) => v.filter)).toEqual(['ready', 'availability', 'availability']);
  });

  it('explains an empty cluster', () => {
    const r = schedule({ nodes: [], tasks: tasks('web', 1), placed: [] });
    expect(r.unplaced[0].reason).toBe('no suitable node: the cluster has no nodes');
  });

  it('is deterministic for the same input', () => {
    const input = { nodes: [node('b'), node('a')], tasks: tasks('web', 3), placed: [] };
    expect(schedule(input)).toEqual(schedule(input));
    expect(schedule(input).assignments[0].nodeId).toBe('a');
  });

  it('keeps several services each spread and the nodes balanced overall', () => {
    const input = { nodes: [node('a'), node('b'), node('c')], tasks: [...tasks('web', 4), ...tasks('db', 5)], placed: [] };
    const r = schedule(input);
    const count = (service: string, nodeId: string) => r.assignments.filter((a) => a.taskId.startsWith(service) && a.nodeId === nodeId).length;
    for (const service of ['web', 'db']) {
      const per = ['a', 'b', 'c'].map((n) => count(service, n));
      expect(Math.max(...per) - Math.min(...per)).toBeLessThanOrEqual(1);
    }
    expect(Object.values(perNode(r.assignments)).sort()).toEqual([3, 3, 3]);
  });

  describe('constraints', () => {
    const nodes = [
      node('a', { labels: { zone: 'eu' }, role: 'MANAGER' }),
      node('b', { labels: { zone: 'us' }, engineLabels: { disk: 'ssd' } }),
      node('c', { arch: 'aarch64' }),
    ];
    const place = (...constraints: string[]) => schedule({ nodes, tasks: tasks('web', 4, { placement: { constraints } }), placed: [] });

    it.each([
      ['node.labels.zone==eu', { a: 4 }],
      ['node.labels.zone==EU', { a: 4 }],
      ['node.labels.zone!=eu', { b: 2, c: 2 }],
      ['engine.labels.disk==ssd', { b: 4 }],
      ['node.role==manager', { a: 4 }],
      ['node.role!=manager', { b: 2, c: 2 }],
      ['node.hostname==host-c', { c: 4 }],
      ['node.id!=a', { b: 2, c: 2 }],
      ['node.platform.arch==aarch64', { c: 4 }],
      ['node.platform.os==linux', { a: 2, b: 1, c: 1 }],
    ])('%s places on the matching nodes only', (constraint, expected) => {
      expect(perNode(place(constraint).assignments)).toEqual(expected);
    });

    it('needs every constraint to hold', () => {
      expect(perNode(place('node.labels.zone!=eu', 'node.platform.arch!=aarch64').assignments)).toEqual({ b: 4 });
    });

    it('leaves tasks pending with the constraint that fails and what each node has', () => {
      const r = place('node.labels.zone==asia');
      expect(r.assignments).toEqual([]);
      expect(r.unplaced).toHaveLength(4);
      expect(r.unplaced[0].reason).toBe('no suitable node (3 nodes: 3 nodes fail constraint node.labels.zone==asia)');
      expect(r.unplaced[0].verdicts.map((v) => v.detail)).toEqual(['node.labels.zone is "eu"', 'node.labels.zone is "us"', 'node.labels.zone is not set']);
      expect(place('node.labels.rack==r1').unplaced[0].reason).toBe(
        'no suitable node (3 nodes: 3 nodes fail constraint node.labels.rack==r1 (node.labels.rack is not set))',
      );
    });
  });

  describe('image platform', () => {
    const nodes = [node('a'), node('b', { arch: 'aarch64' }), node('c', { os: 'windows', arch: 'amd64' })];

    it("places only on nodes whose os and architecture the image is built for, reading the engine's names", () => {
      const r = schedule({ nodes, tasks: tasks('web', 2, { platforms: [{ os: 'linux', arch: 'arm64' }] }), placed: [] });
      expect(perNode(r.assignments)).toEqual({ b: 2 });
    });

    it('accepts any node when the platforms are unknown', () => {
      const r = schedule({ nodes, tasks: tasks('web', 3, { platforms: [] }), placed: [] });
      expect(perNode(r.assignments)).toEqual({ a: 1, b: 1, c: 1 });
    });

    it('explains a task no node can run, with what each node is', () => {
      const r = schedule({
        nodes: [...nodes.slice(0, 2), node('d')],
        tasks: tasks('web', 1, {
          platforms: [
            { os: 'linux', arch: 'riscv64' },
            { os: 'linux', arch: 's390x' },
          ],
        }),
        placed: [],
      });
      expect(r.unplaced[0].reason).toBe(
        'no suitable node (3 nodes: 2 nodes are linux/amd64, not a platform the image is built for (linux/riscv64, linux/s390x); 1 node is linux/arm64, not a platform the image is built for (linux/riscv64, linux/s390x))',
      );
      expect(r.unplaced[0].verdicts.map((v) => v.filter)).toEqual(['platform', 'platform', 'platform']);
    });
  });

  describe('resources', () => {
    const cpu = 1e9;
    it('places only while the reservations fit, then explains what is free', () => {
      const nodes = [node('a', { cpus: 2 }), node('b', { cpus: 1 })];
      const r = schedule({ nodes, tasks: tasks('web', 5, { reservations: { nanoCpus: cpu } }), placed: [] });
      expect(perNode(r.assignments)).toEqual({ a: 2, b: 1 });
      expect(r.unplaced).toHaveLength(2);
      expect(r.unplaced[0].reason).toBe('no suitable node (2 nodes: 2 nodes have 0 CPU free, 1 needed)');
    });

    it('counts what placed tasks reserve, leaving ones included', () => {
      const nodes = [node('a', { cpus: 2 })];
      const placed = [
        { nodeId: 'a', serviceId: 'db', reservations: { nanoCpus: 1.5 * cpu } },
        { nodeId: 'a', serviceId: 'old', reservations: { memoryBytes: 2 ** 29 }, leaving: true },
      ];
      const r = schedule({ nodes, tasks: tasks('web', 1, { reservations: { nanoCpus: cpu } }), placed });
      expect(r.unplaced[0].reason).toBe('no suitable node (1 node: 1 node has 0.5 CPU free, 1 needed (1.5 of 2 reserved))');
      const m = schedule({ nodes, tasks: tasks('web', 1, { reservations: { memoryBytes: 2 ** 30 } }), placed });
      expect(m.unplaced[0].reason).toBe('no suitable node (1 node: 1 node has 512 MiB of memory free, 1 GiB needed (512 MiB of 1 GiB reserved))');
    });

    it('accepts a reservation larger than every node and says so', () => {
      const r = schedule({ nodes: [node('a'), node('b', { cpus: 4 })], tasks: tasks('web', 1, { reservations: { nanoCpus: 64 * cpu } }), placed: [] });
      expect(r.unplaced[0].reason).toBe(
        'no suitable node (2 nodes: 1 node has 2 CPU free, 64 needed (0 of 2 reserved); 1 node has 4 CPU free, 64 needed (0 of 4 reserved))',
      );
    });
  });

  it('avoids nodes with fewer CPUs than the CPU limit', () => {
    const r = schedule({ nodes: [node('a', { cpus: 1 }), node('b', { cpus: 4 })], tasks: tasks('web', 2, { nanoCpuLimit: 2e9 }), placed: [] });
    expect(perNode(r.assignments)).toEqual({ b: 2 });
    const none = schedule({ nodes: [node('a', { cpus: 1 })], tasks: tasks('web', 1, { nanoCpuLimit: 2e9 }), placed: [] });
    expect(none.unplaced[0].reason).toBe('no suitable node (1 node: 1 node has 1 CPUs, fewer than the CPU limit of 2)');
  });

  it('counts nodes by reason across filters, most first', () => {
    const nodes = [node('a', { labels: { zone: 'us' } }), node('b', { labels: { zone: 'us' } }), node('c', { labels: { zone: 'eu' } })];
    const placed = [{ nodeId: 'c', serviceId: 'db', reservations: { nanoCpus: 1.5e9 } }];
    const r = schedule({ nodes, tasks: tasks('web', 1, { reservations: { nanoCpus: 1e9 }, placement: { constraints: ['node.labels.zone==eu'] } }), placed });
    expect(r.unplaced[0].reason).toBe(
      'no suitable node (3 nodes: 2 nodes fail constraint node.labels.zone==eu (node.labels.zone is "us"); 1 node has 0.5 CPU free, 1 needed (1.5 of 2 reserved))',
    );
  });

  it('names at most five reasons and counts the other nodes', () => {
    const nodes = Array.from({ length: 7 }, (_, i) => node(`n${i}`, { cpus: i }));
    const r = schedule({ nodes, tasks: tasks('web', 1, { reservations: { nanoCpus: 10e9 } }), placed: [] });
    expect(r.unplaced[0].reason).toMatch(
      /^no suitable node \(7 nodes: 1 node has 0 CPU free, 10 needed \(0 of 0 reserved\); .*; 2 more nodes for other reasons\)$/,
    );
    expect(r.unplaced[0].verdicts).toHaveLength(7);
  });

  describe('host ports', () => {
    it('puts at most one task publishing a port on each node', () => {
      const r = schedule({ nodes: [node('a'), node('b')], tasks: tasks('web', 3, { hostPorts: ['8080/tcp'] }), placed: [] });
      expect(perNode(r.assignments)).toEqual({ a: 1, b: 1 });
      expect(r.unplaced[0].reason).toBe('no suitable node (2 nodes: 2 nodes already publish port 8080/tcp)');
    });

    it('avoids nodes where another service publishes the port, with the same protocol only', () => {
      const placed = [{ nodeId: 'a', serviceId: 'other', hostPorts: ['8080/tcp'] }];
      const r = schedule({ nodes: [node('a'), node('b')], tasks: tasks('web', 1, { hostPorts: ['8080/tcp'] }), placed });
      expect(r.assignments).toEqual([{ taskId: 'web-0', nodeId: 'b' }]);
      const udp = schedule({ nodes: [node('a')], tasks: tasks('dns', 1, { hostPorts: ['8080/udp'] }), placed });
      expect(udp.assignments).toEqual([{ taskId: 'dns-0', nodeId: 'a' }]);
    });
  });

  it('keeps to maxReplicasPerNode, counting tasks already there', () => {
    const placed = [{ nodeId: 'a', serviceId: 'web' }];
    const r = schedule({ nodes: [node('a'), node('b')], tasks: tasks('web', 4, { placement: { maxReplicasPerNode: 2 } }), placed });
    expect(perNode(r.assignments)).toEqual({ a: 1, b: 2 });
    expect(r.unplaced).toHaveLength(1);
    expect(r.unplaced[0].reason).toBe("no suitable node (2 nodes: 2 nodes already run 2 of the service's tasks (maxReplicasPerNode))");
  });

  describe('ranking', () => {
    it('binpack fills the fullest node that still fits before the next', () => {
      const placed = [{ nodeId: 'b', serviceId: 'db', reservations: { nanoCpus: 0.5e9 } }];
      const r = schedule({
        nodes: [node('a'), node('b'), node('c')],
        tasks: tasks('web', 5, { reservations: { nanoCpus: 0.5e9 }, placement: { strategy: 'BINPACK' } }),
        placed,
      });
      // b is fullest: it takes 3 more (2 CPUs), then a (lowest id among the empty ones) takes the rest.
      expect(r.assignments.map((a) => a.nodeId)).toEqual(['b', 'b', 'b', 'a', 'a']);
    });

    it('binpack without reservations goes to the node with the most tasks', () => {
      const placed = [{ nodeId: 'c', serviceId: 'db' }];
      const r = schedule({ nodes: [node('a'), node('b'), node('c')], tasks: tasks('web', 3, { placement: { strategy: 'BINPACK' } }), placed });
      expect(perNode(r.assignments)).toEqual({ c: 3 });
    });

    it('spreads over the values of a label first, nodes without it being a group of their own', () => {
      const nodes = [node('a', { labels: { zone: 'eu' } }), node('b', { labels: { zone: 'eu' } }), node('c', { labels: { zone: 'us' } }), node('d')];
      const r = schedule({ nodes, tasks: tasks('web', 6, { placement: { spread: ['node.labels.zone'] } }), placed: [] });
      // 6 tasks over 3 groups (none, eu, us): 2 each; within eu, 1 on a and 1 on b.
      expect(perNode(r.assignments)).toEqual({ a: 1, b: 1, c: 2, d: 2 });
    });

    it('nests preferences: zones first, then racks within each zone', () => {
      const nodes = [
        node('a', { labels: { zone: 'eu', rack: '1' } }),
        node('b', { labels: { zone: 'eu', rack: '1' } }),
        node('c', { labels: { zone: 'eu', rack: '2' } }),
        node('d', { labels: { zone: 'us', rack: '1' } }),
      ];
      const r = schedule({ nodes, tasks: tasks('web', 8, { placement: { spread: ['node.labels.zone', 'node.labels.rack'] } }), placed: [] });
      // eu 4 (rack 1: 2 over a and b, rack 2: 2 on c), us 4 on d.
      expect(perNode(r.assignments)).toEqual({ a: 1, b: 1, c: 2, d: 4 });
    });

    it('counts tasks already placed when spreading over label values', () => {
      const nodes = [node('a', { labels: { zone: 'eu' } }), node('b', { labels: { zone: 'us' } })];
      const placed = [
        { nodeId: 'a', serviceId: 'web' },
        { nodeId: 'a', serviceId: 'web' },
      ];
      const r = schedule({ nodes, tasks: tasks('web', 2, { placement: { spread: ['node.labels.zone'] } }), placed });
      expect(perNode(r.assignments)).toEqual({ b: 2 });
    });

    it('moves on to the next label value when a zone runs out of room', () => {
      const nodes = [node('a', { labels: { zone: 'eu' } }), node('b', { labels: { zone: 'us' }, cpus: 8 })];
      const r = schedule({ nodes, tasks: tasks('web', 6, { reservations: { nanoCpus: 1e9 }, placement: { spread: ['node.labels.zone'] } }), placed: [] });
      expect(perNode(r.assignments)).toEqual({ a: 2, b: 4 });
    });
  });
});
