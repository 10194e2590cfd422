import { describe, expect, it } from 'vitest';
import { capacityByNode, percent } from './capacity';

const GiB = 1024 ** 3;
const nodes = [
  { id: 'n2', description: { hostname: 'b', cpus: 2, memoryBytes: 2 * GiB }, reserved: { nanoCpus: 0, memoryBytes: 0 } },
  { id: 'n1', description: { hostname: 'a', cpus: 4, memoryBytes: 8 * GiB }, reserved: { nanoCpus: 1e9, memoryBytes: 2 * GiB } },
];

describe('capacityByNode', () => {
  it('gives each node its reservations against its capacity, sorted by hostname, and the total', () => {
    const { nodes: rows, total } = capacityByNode(nodes);
    expect(rows.map((r) => [r.hostname, r.nanoCpus, r.nanoCpusReserved, r.memoryReserved])).toEqual([
      ['a', 4e9, 1e9, 2 * GiB],
      ['b', 2e9, 0, 0],
    ]);
    expect(total).toMatchObject({ nanoCpus: 6e9, nanoCpusReserved: 1e9, memoryBytes: 10 * GiB, memoryReserved: 2 * GiB });
    expect(percent(total.nanoCpusReserved, total.nanoCpus)).toBe(17);
    expect(percent(1, 0)).toBe(0);
  });
});
