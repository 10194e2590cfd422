import { describe, expect, it } from 'vitest';
import { capacityByNode, percent } from './capacity';

const GiB = 1024 ** 3;
const nodes = [
  { id: 'n2', hostname: 'b', description: { cpus: 2, memoryBytes: 2 * GiB } },
  { id: 'n1', hostname: 'a', description: { cpus: 4, memoryBytes: 8 * GiB } },
];
const services = [
  { id: 's1', spec: { resources: { reservations: { nanoCpus: 5e8, memoryBytes: GiB } } } },
  { id: 's2', spec: { resources: { reservations: { nanoCpus: 0, memoryBytes: 0 } } } },
];

describe('capacityByNode', () => {
  it('sums the reservations of the tasks that should run on each node, and in total', () => {
    const { nodes: rows, total } = capacityByNode(nodes, services, [
      { serviceId: 's1', nodeId: 'n1', desiredState: 'RUNNING' },
      { serviceId: 's1', nodeId: 'n1', desiredState: 'RUNNING' },
      { serviceId: 's1', nodeId: 'n2', desiredState: 'SHUTDOWN' },
      { serviceId: 's1', nodeId: null, desiredState: 'RUNNING' },
      { serviceId: 's2', nodeId: 'n2', desiredState: 'RUNNING' },
    ]);
    expect(rows.map((r) => [r.hostname, r.nanoCpusReserved, r.memoryReserved])).toEqual([
      ['a', 1e9, 2 * GiB],
      ['b', 0, 0],
    ]);
    expect(total).toMatchObject({ nanoCpus: 6e9, nanoCpusReserved: 1e9, memoryBytes: 10 * GiB, memoryReserved: 2 * GiB });
    expect(percent(total.nanoCpusReserved, total.nanoCpus)).toBe(17);
    expect(percent(1, 0)).toBe(0);
  });
});
