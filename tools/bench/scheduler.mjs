#!/usr/bin/env node
// bench:scheduler — libs/scheduler placing tasks on synthetic clusters, as swarmkit's
// scheduler benchmark does: N nodes (all ready and active), T tasks of 10 services,
// none placed yet. Prints time and tasks/s per size. Constraints join with issue 4.
import { schedule } from '@shoal/scheduler';

const sizes = [
  [1_000, 1_000],
  [1_000, 10_000],
  [1_000, 100_000],
  [10_000, 100_000],
];
const only = process.argv[2];
console.log(' nodes     tasks      time s     tasks/s');
for (const [n, t] of sizes) {
  if (only && `${n}x${t}` !== only) continue;
  const nodes = Array.from({ length: n }, (_, i) => ({ id: `node-${String(i).padStart(6, '0')}`, hostname: `h${i}`, ready: true, availability: 'ACTIVE' }));
  const tasks = Array.from({ length: t }, (_, i) => ({ id: `task-${i}`, serviceId: `service-${i % 10}` }));
  const started = process.hrtime.bigint();
  const result = schedule({ nodes, tasks, placed: [] });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.assignments.length !== t) throw new Error(`placed ${result.assignments.length} of ${t}`);
  console.log(
    `${String(n).padStart(6)} ${String(t).padStart(9)} ${seconds.toFixed(3).padStart(11)} ${Math.round(t / seconds)
      .toLocaleString('en-US')
      .padStart(11)}`,
  );
}
