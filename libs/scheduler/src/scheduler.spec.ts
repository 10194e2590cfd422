import { CandidateNode } from './filters';
import { schedule } from './scheduler';

const node = (id: string, over: Partial<CandidateNode> = {}): CandidateNode => ({ id, hostname: `host-${id}`, ready: true, availability: 'ACTIVE', ...over });
const tasks = (serviceId: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `${serviceId}-${i}`, serviceId }));

describe('schedule', () => {
  it('spreads the tasks of a service evenly over the nodes', () => {
    const r = schedule({ nodes: [node('a'), node('b'), node('c')], tasks: tasks('web', 6), placed: [] });
    const perNode = new Map<string, number>();
    for (const a of r.assignments) perNode.set(a.nodeId, (perNode.get(a.nodeId) ?? 0) + 1);
    expect([...perNode.values()]).toEqual([2, 2, 2]);
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
    const totals = ['a', 'b', 'c'].map((n) => r.assignments.filter((a) => a.nodeId === n).length);
    expect(totals.sort()).toEqual([3, 3, 3]);
  });
});
