import type { CandidateNode } from '../types';

/** A ready, active worker with 2 CPUs and 1 GiB, for tests. */
export const node = (id: string, over: Partial<CandidateNode> = {}): CandidateNode => ({
  id,
  hostname: `host-${id}`,
  ready: true,
  availability: 'ACTIVE',
  role: 'WORKER',
  os: 'linux',
  arch: 'x86_64',
  labels: {},
  engineLabels: {},
  cpus: 2,
  memoryBytes: 2 ** 30,
  ...over,
});
