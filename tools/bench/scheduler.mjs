#!/usr/bin/env node
// bench:scheduler — libs/scheduler placing tasks on synthetic clusters, as swarmkit's
// scheduler benchmark does: N nodes (all ready and active, 4 CPUs and 16 GiB each, a
// `zone` label out of 3), T tasks of 10 services, none placed yet. Three runs per size:
//   plain        no placement rules
//   constraints  every service has node.labels.zone!=z<k> and node.platform.os==linux
//   resources    every task reserves 0.01 CPU and 32 MiB (so each placement is re-checked)
// Prints time and tasks/s per size and run. `node tools/bench/scheduler.mjs 1000x10000`
// runs one size.
import { schedule } from '@shoal/scheduler';

const sizes = [
  [1_000, 1_000],
  [1_000, 10_000],
  [1_000, 100_000],
  [10_000, 100_000],
];
const runs = {
  plain: () => ({}),
  constraints: (s) => ({ placement: { constraints: [`node.labels.zone!=z${s % 3}`, 'node.platform.os==linux'] } }),
  resources: () => ({ reservations: { nanoCpus: 10_000_000, memoryBytes: 32 * 2 ** 20 } }),
};
const only = process.argv[2];
console.log(' nodes     tasks  run           time s     tasks/s');
for (const [n, t] of sizes) {
  if (only && `${n}x${t}` !== only) continue;
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: `node-${String(i).padStart(6, '0')}`,
    hostname: `h${i}`,
    ready: true,
    availability: 'ACTIVE',
    role: 'WORKER',
    os: 'linux',
    arch: 'x86_64',
    labels: { zone: `z${i % 3}` },
    engineLabels: {},
    cpus: 4,
    memoryBytes: 16 * 2 ** 30,
  }));
  for (const [run, extra] of Object.entries(runs)) {
    const tasks = Array.from({ length: t }, (_, i) => ({ id: `task-${i}`, serviceId: `service-${i % 10}`, ...extra(i % 10) }));
    const started = process.hrtime.bigint();
    const result = schedule({ nodes, tasks, placed: [] });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.assignments.length !== t) throw new Error(`${run}: placed ${result.assignments.length} of ${t}`);
    console.log(
      `${String(n).padStart(6)} ${String(t).padStart(9)}  ${run.padEnd(12)} ${seconds.toFixed(3).padStart(8)} ${Math.round(t / seconds)
        .toLocaleString('en-US')
        .padStart(11)}`,
    );
  }
}
