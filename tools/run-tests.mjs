#!/usr/bin/env node
// Runs every test tier in order and ends with one line of totals across tiers:
// "N passed, N failed". Checks (build, lint, typecheck, schema) count as one test each;
// Jest tiers count their tests. Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'test-results');
mkdirSync(out, { recursive: true });
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: '0' };
const only = process.argv.slice(2); // e.g. `npm test -- unit integration`
const rows = [];

function run(cmd, args) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
  return { ok: r.status === 0, seconds: (Date.now() - started) / 1000 };
}

function check(name, cmd, args) {
  if (only.length && !only.includes(name)) return;
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  const r = run(cmd, args);
  rows.push({ name, passed: r.ok ? 1 : 0, failed: r.ok ? 0 : 1, seconds: r.seconds });
}

function jest(name, extra = []) {
  counted(name, (file) => ['jest', '--selectProjects', name, '--json', `--outputFile=${file}`, ...extra]);
}

// The console's component tests run in Vitest (a browser DOM, Vite's transforms); its JSON
// report has Jest's counters.
function vitest(name, config) {
  counted(name, (file) => ['vitest', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
}

function counted(name, argsFor) {
  if (only.length && !only.includes(name)) return;
  const file = join(out, `${name}.json`);
  rmSync(file, { force: true });
  console.log(`\n=== ${name} tests`);
  const r = run('npx', argsFor(file));
  let passed = 0;
  let failed = 0;
  if (existsSync(file)) {
    const j = JSON.parse(readFileSync(file, 'utf8'));
    passed = j.numPassedTests;
    failed = j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0);
  }
  if (!r.ok && failed === 0) failed = 1; // the runner itself failed
  rows.push({ name, passed, failed, seconds: r.seconds });
}

check('build', 'npm', ['run', 'build', '--silent']);
check('lint', 'bash', ['-c', 'npx nx show projects >/dev/null && npx eslint . --max-warnings 0 && npx prettier --check . --log-level warn']);
check('typecheck', 'npm', ['run', 'typecheck', '--silent']);
check('schema', 'bash', [
  '-c',
  // The committed schema matches the code, and the SDK's types were generated from it.
  'node apps/manager/dist/print-schema.js --check && npx gql.tada generate-output -c libs/sdk/tsconfig.json -o test-results/graphql-env.ts >/dev/null && ' +
    '{ cmp -s test-results/graphql-env.ts libs/sdk/src/graphql-env.ts || { echo "libs/sdk/src/graphql-env.ts is stale: run npm run schema:print" >&2; exit 1; }; }',
]);
jest('unit');
vitest('console', 'apps/console/vite.config.mts');
jest('integration', ['--runInBand']);
jest('e2e', ['--runInBand']);

console.log('\n tier          passed  failed  seconds');
for (const r of rows) console.log(` ${r.name.padEnd(12)} ${String(r.passed).padStart(7)} ${String(r.failed).padStart(7)} ${r.seconds.toFixed(1).padStart(8)}`);
const passed = rows.reduce((a, r) => a + r.passed, 0);
const failed = rows.reduce((a, r) => a + r.failed, 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || rows.length === 0 ? 1 : 0);
