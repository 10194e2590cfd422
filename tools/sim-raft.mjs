#!/usr/bin/env node
// npm run sim:raft -- --seeds N --from S [--nodes 3|5] [--harsh]
// Runs seeds S..S+N-1 of the deterministic Raft simulation; prints every violation with
// its seed (rerun with --from SEED --seeds 1 to replay it exactly) and exits 1 if any.
import { simulate } from '@shoal/raft';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const seeds = Number(arg('seeds', 1000));
const from = Number(arg('from', 1));
const nodes = Number(arg('nodes', 3));
const harsh = process.argv.includes('--harsh');
if (!Number.isInteger(seeds) || seeds < 1 || !Number.isInteger(from) || ![1, 3, 5, 7].includes(nodes)) {
  console.error('usage: npm run sim:raft -- --seeds N --from S [--nodes 1|3|5|7] [--harsh]');
  process.exit(64);
}
const options = { nodes, ...(harsh ? { crashRate: 0.02, maxDelay: 8, dropRate: 0.1, partitionRate: 0.03 } : {}) };
const started = Date.now();
let failed = 0;
let committed = 0;
let undecided = 0;
let snapshots = 0;
let confChanges = 0;
for (let seed = from; seed < from + seeds; seed++) {
  const r = simulate(seed, options);
  committed += r.stats.committed;
  undecided += r.stats.undecided;
  snapshots += r.stats.snapshots;
  confChanges += r.stats.confChanges;
  if (!r.ok) {
    failed++;
    console.log(`VIOLATION ${r.violation}`);
  }
  if ((seed - from + 1) % 1000 === 0) console.log(`${seed - from + 1} seeds, ${failed} failed, ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
console.log(
  `${seeds - failed} passed, ${failed} failed (seeds ${from}..${from + seeds - 1}, ${nodes} voters${harsh ? ', harsh' : ''}; ${committed} entries committed in all; ${snapshots} snapshots installed; ${confChanges} membership changes; ${undecided} histories too large to decide)`,
);
process.exit(failed ? 1 : 0);
