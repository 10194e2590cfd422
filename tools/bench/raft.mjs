#!/usr/bin/env node
// bench:raft — three Shoal managers against a three-member etcd 3.4 cluster, both on
// loopback with default settings, in one run:
//   - write latency: sequential writes through the leader's API (median, p99);
//   - write throughput: 64 concurrent clients;
//   - failover: SIGKILL the leader, time until a write succeeds through a survivor.
// Shoal's write is a GraphQL mutation (scaleService to 0 replicas: authorised, validated,
// replicated, applied to SQLite); etcd's is a PUT through its HTTP gateway. Prints each
// figure and the ratio Shoal/etcd. Options: --trials=N (failovers, default 5),
// --writes=N (default 3000).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLClient, freePort, startManagers } from '@shoal/testing';

const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const TRIALS = arg('trials', 5);
const WRITES = arg('writes', 3000);
const CONCURRENCY = 64;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

async function until(what, fn, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A new write attempt on every survivor each 20 ms (earlier ones may hang on the dead leader) until one succeeds. */
function firstWrite(survivors, write) {
  return new Promise((resolve, reject) => {
    let done = false;
    const deadline = Date.now() + 60_000;
    const attempt = () => {
      if (done) return;
      if (Date.now() > deadline) return reject(new Error('no write succeeded within 60 s of the failover'));
      for (const m of survivors)
        write(m).then(
          () => {
            done = true;
            resolve();
          },
          () => undefined,
        );
      setTimeout(attempt, 20);
    };
    attempt();
  });
}

/** The same three measurements for any system, given how to write and fail over. */
async function measure(sys) {
  const lat = [];
  for (let i = 0; i < 500; i++) {
    const t = now();
    await sys.write(await sys.leader(), i);
    lat.push(now() - t);
  }
  const leader = await sys.leader();
  let next = 0;
  const t0 = now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < WRITES) await sys.write(leader, next++);
    }),
  );
  const throughput = WRITES / ((now() - t0) / 1000);
  const failovers = [];
  for (let i = 0; i < TRIALS; i++) {
    const victim = await sys.leader();
    const survivors = sys.members.filter((m) => m !== victim);
    const t = now();
    await victim.kill();
    await firstWrite(survivors, (m) => sys.write(m, i));
    failovers.push((now() - t) / 1000);
    await victim.restart();
    await sleep(3000);
  }
  return { p50: pct(lat, 50), p99: pct(lat, 99), throughput, failovers };
}

async function shoal() {
  const g = await startManagers(3, { SHOAL_LOG_LEVEL: 'error,fatal' });
  try {
    const first = await g.leader();
    const { createService } = await first.api.must('mutation { createService(input: { name: "bench", image: "x", replicas: 0 }) { id } }');
    const id = createService.id;
    const members = g.members.map((m) => ({
      api: new GraphQLClient(m.apiUrl, g.token),
      member: m,
      kill: () => m.process.kill('SIGKILL'),
      restart: () => m.start(),
    }));
    return await measure({
      members,
      leader: async () => {
        const l = await g.leader();
        return members.find((m) => m.member === l);
      },
      write: async (m) => {
        const r = await m.api.request('mutation($id: ID!) { scaleService(id: $id, replicas: 0) { id } }', { id });
        if (r.errors) throw new Error(r.errors[0].message);
      },
    });
  } finally {
    await g.stop();
  }
}

async function etcd() {
  const ports = [];
  for (let i = 0; i < 3; i++) ports.push({ client: await freePort(), peer: await freePort() });
  const initial = ports.map((p, i) => `e${i}=http://127.0.0.1:${p.peer}`).join(',');
  const dirs = ports.map(() => mkdtempSync(join(tmpdir(), 'bench-etcd-')));
  const members = ports.map((p, i) => {
    const m = {
      url: `http://127.0.0.1:${p.client}`,
      proc: undefined,
      start() {
        m.proc = spawn(
          'etcd',
          [
            `--name=e${i}`,
            `--data-dir=${dirs[i]}`,
            `--listen-client-urls=${m.url}`,
            `--advertise-client-urls=${m.url}`,
            `--listen-peer-urls=http://127.0.0.1:${p.peer}`,
            `--initial-advertise-peer-urls=http://127.0.0.1:${p.peer}`,
            `--initial-cluster=${initial}`,
            '--initial-cluster-state=new',
            '--log-level=error',
          ],
          { stdio: 'ignore', env: { ...process.env, ETCD_UNSUPPORTED_ARCH: process.arch === 'x64' ? '' : process.arch } },
        );
        const exited = new Promise((r) => m.proc.once('exit', r));
        m.exited = exited;
      },
      kill: async () => {
        m.proc.kill('SIGKILL');
        await m.exited;
      },
      restart: async () => {
        m.start();
        await until('etcd to answer', async () => (await fetch(`${m.url}/health`)).ok);
      },
    };
    return m;
  });
  for (const m of members) m.start();
  try {
    const post = async (m, path, body) => {
      const r = await fetch(`${m.url}${path}`, { method: 'POST', body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
      if (!r.ok) throw new Error(`${path}: ${r.status}`);
      return r.json();
    };
    const leader = () =>
      until('an etcd leader', async () => {
        for (const m of members) {
          const s = await post(m, '/v3/maintenance/status', {}).catch(() => undefined);
          if (s && s.leader === s.header.member_id) return m;
        }
        return undefined;
      });
    await leader();
    const key = Buffer.from('bench').toString('base64');
    return await measure({
      members,
      leader,
      write: async (m, i) => {
        const r = await post(m, '/v3/kv/put', { key, value: Buffer.from(String(i)).toString('base64') });
        if (r.error) throw new Error(r.error);
      },
    });
  } finally {
    for (const m of members) m.proc?.kill('SIGKILL');
    await sleep(200);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

const fmt = (n, d = 1) => n.toFixed(d);
const s = await shoal();
const e = await etcd();
const med = (xs) => pct(xs, 50);
console.log(`\nbench:raft — 3 members on loopback, default settings, ${WRITES} writes, ${TRIALS} failovers`);
console.log('figure                         Shoal        etcd 3.4     Shoal/etcd');
const row = (name, a, b, unit, d = 1) =>
  console.log(`${name.padEnd(30)} ${`${fmt(a, d)} ${unit}`.padEnd(12)} ${`${fmt(b, d)} ${unit}`.padEnd(12)} ${fmt(a / b, 2)}`);
row('write latency p50', s.p50, e.p50, 'ms', 2);
row('write latency p99', s.p99, e.p99, 'ms', 2);
row('write throughput (64 clients)', s.throughput, e.throughput, '/s', 0);
row('failover (median)', med(s.failovers), med(e.failovers), 's', 2);
row('failover (worst)', Math.max(...s.failovers), Math.max(...e.failovers), 's', 2);
console.log(`Shoal failovers: ${s.failovers.map((x) => fmt(x, 2)).join(' ')} s`);
console.log(`etcd failovers:  ${e.failovers.map((x) => fmt(x, 2)).join(' ')} s`);
process.exit(0);
