#!/usr/bin/env node
// bench:converge — Shoal against Docker swarm mode on the same engine, in one run:
// create a 50-replica service until 50 containers run, scale to 100 until 100 run,
// remove until no container is left. Both are observed the same way: by listing the
// engine's containers with the service's label. Prints each figure and Shoal/swarm.
import Docker from 'dockerode';
import { startCluster, TEST_IMAGE } from '@shoal/testing';

const docker = new Docker();
const trials = Number(process.argv.find((a) => a.startsWith('--trials='))?.split('=')[1] ?? 1);
const ARGS = ['httpd', '-f', '-p', '8080', '-h', '/www'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function count(label, value, all = false) {
  const list = await docker.listContainers({ all, filters: { label: [`${label}=${value}`] } });
  return list.length;
}

async function until(what, fn, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function timed(fn) {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

async function shoal() {
  const c = await startCluster({ manager: { SHOAL_LOG_LEVEL: 'warn,error,fatal' } });
  try {
    const label = 'shoal.service.id';
    let id;
    const create = await timed(async () => {
      const r = await c.api.must('mutation($input: CreateServiceInput!) { createService(input: $input) { id } }', {
        input: { name: 'bench', image: TEST_IMAGE, replicas: 50, args: ARGS },
      });
      id = r.createService.id;
      await until('50 running', async () => (await count(label, id)) >= 50);
    });
    const scale = await timed(async () => {
      await c.api.must('mutation($id: ID!) { scaleService(id: $id, replicas: 100) { id } }', { id });
      await until('100 running', async () => (await count(label, id)) >= 100);
    });
    const remove = await timed(async () => {
      await c.api.must('mutation($id: ID!) { removeService(id: $id) }', { id });
      await until('none left', async () => (await count(label, id, true)) === 0);
    });
    return { create, scale, remove };
  } finally {
    await c.stop();
  }
}

async function swarm() {
  const info = await docker.info();
  const wasActive = info.Swarm?.LocalNodeState === 'active';
  if (!wasActive) await docker.swarmInit({ ListenAddr: '127.0.0.1:2377', AdvertiseAddr: '127.0.0.1' });
  const label = 'com.docker.swarm.service.id';
  try {
    let service;
    const spec = (replicas) => ({
      Name: 'shoal-bench-swarm',
      TaskTemplate: { ContainerSpec: { Image: TEST_IMAGE, Args: ARGS } },
      Mode: { Replicated: { Replicas: replicas } },
    });
    const create = await timed(async () => {
      const r = await docker.createService(spec(50));
      service = docker.getService(r.id);
      await until('50 running', async () => (await count(label, r.id)) >= 50);
    });
    const scale = await timed(async () => {
      const s = await service.inspect();
      await service.update({ version: s.Version.Index, ...spec(100) });
      await until('100 running', async () => (await count(label, s.ID)) >= 100);
    });
    const remove = await timed(async () => {
      await service.remove();
      await until('none left', async () => (await count(label, service.id, true)) === 0);
    });
    return { create, scale, remove };
  } finally {
    if (!wasActive) await docker.swarmLeave({ force: true });
  }
}

const results = { shoal: [], swarm: [] };
for (let i = 0; i < trials; i++) {
  results.shoal.push(await shoal());
  results.swarm.push(await swarm());
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`\nbench:converge (${trials} trial${trials > 1 ? 's' : ''}, median; image ${TEST_IMAGE}, busybox httpd)`);
console.log(' step                      shoal s   swarm s   shoal/swarm');
for (const [step, name] of [
  ['create', 'create 50 → 50 running'],
  ['scale', 'scale 50 → 100 running'],
  ['remove', 'remove 100 → 0 left'],
]) {
  const a = median(results.shoal.map((r) => r[step]));
  const b = median(results.swarm.map((r) => r[step]));
  console.log(` ${name.padEnd(24)} ${a.toFixed(2).padStart(8)} ${b.toFixed(2).padStart(9)} ${(a / b).toFixed(2).padStart(12)}`);
}
