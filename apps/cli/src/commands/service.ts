import { bool, duration, int, list, parseArgs, str } from '../args';
import type { Api } from '../api';
import type { Ctx, Group } from '../command';
import { out } from '../command';
import { waitForConvergence } from '../converge';
import { CliError, EXIT, usageError } from '../errors';
import { allPages, runningTasks } from '../pages';
import { serviceLogs } from './service-logs';
import { RUNTIME_FLAGS, RUNTIME_FLAGS_USAGE, runtimeFlag } from '../runtime-flags';
import { json, printRows } from '../table';
import { type ModeView, modeInput, modeName, replicasColumn } from './service-mode';

interface Service {
  id: string;
  name: string;
  image: string;
  replicas: number;
  runningReplicas: number;
  version: number;
  spec: { env: string[]; args: string[] | null };
}

const SPEC =
  'spec { name image mode replicas job { maxConcurrent totalCompletions } command args env labels { key value } ports { protocol published target } placement { constraints maxReplicasPerNode strategy preferences { spread } } resources { limits { nanoCpus memoryBytes pids } reservations { nanoCpus memoryBytes } } }';
const FIELDS = `id name image replicas runningReplicas version createdAt updatedAt ${SPEC}`;
const WAIT_FLAGS = { detach: 'boolean', timeout: 'string' } as const;

/** A service by name, else by id. */
async function findService(api: Api, ref: string | undefined): Promise<Service> {
  if (!ref) throw usageError('a SERVICE (name or id) is required');
  const { byName } = await api<{ byName: Service | null }>(`query($n: String) { byName: service(name: $n) { ${FIELDS} } }`, { n: ref });
  if (byName) return byName;
  const { byId } = await api<{ byId: Service | null }>(`query($id: ID) { byId: service(id: $id) { ${FIELDS} } }`, { id: ref });
  if (byId) return byId;
  throw new CliError(`no such service: ${ref}`, EXIT.NOT_FOUND);
}

function parsePort(value: string) {
  const m = /^(?:(\d+):)?(\d+)(?:\/(tcp|udp|sctp))?$/.exec(value);
  if (!m) throw usageError(`--publish ${value}: expected [PUBLISHED:]TARGET[/PROTOCOL]`);
  return { ...(m[1] ? { published: Number(m[1]) } : {}), target: Number(m[2]), protocol: m[3] ?? 'tcp' };
}

/** Waits for convergence unless --detach; --timeout bounds the wait (default 5m). */
async function maybeWait(ctx: Ctx, flags: ReturnType<typeof parseArgs>, s: { id: string; name: string }, replaced?: Set<string>) {
  if (bool(flags, 'detach')) return;
  const timeoutMs = duration(str(flags, 'timeout') ?? '5m', '--timeout');
  await waitForConvergence(ctx.api, s.id, s.name, { timeoutMs, replaced });
}

/** `--env-add K=V` replaces any K=…; `--env-rm K` drops it. */
export function editEnv(env: string[], add: string[], rm: string[]): string[] {
  for (const kv of add) if (!/^[^=]+=/.test(kv)) throw usageError(`--env-add ${kv}: expected KEY=VALUE`);
  const drop = new Set([...rm, ...add.map((kv) => kv.slice(0, kv.indexOf('=')))]);
  return [...env.filter((kv) => !drop.has(kv.split('=')[0])), ...add];
}

export const service: Group = {
  create: {
    usage: `--name NAME [--mode replicated|global|replicated-job|global-job] [--replicas N] [--max-concurrent N] [--env KEY=VALUE]... [--publish [PUBLISHED:]TARGET[/PROTO]]... ${RUNTIME_FLAGS_USAGE} [--detach] [--timeout 5m] IMAGE [ARG...]`,
    summary: 'Create a service and wait until its replicas run',
    async run(ctx, argv) {
      const p = parseArgs(
        argv,
        { name: 'string', mode: 'string', replicas: 'string', 'max-concurrent': 'string', env: 'list', publish: 'list', ...RUNTIME_FLAGS, ...WAIT_FLAGS },
        { stopAtPositional: true },
      );
      const [image, ...args] = p.positionals;
      const name = str(p, 'name');
      if (!name || !image) throw usageError(`usage: shoal service create ${service.create.usage}`);
      const input: Record<string, unknown> = {
        name,
        image,
        env: list(p, 'env'),
        ports: list(p, 'publish').map(parsePort),
        ...modeInput(str(p, 'mode'), str(p, 'replicas'), str(p, 'max-concurrent')),
        ...(args.length ? { args } : {}),
      };
      for (const flag of Object.keys(RUNTIME_FLAGS)) {
        const value = str(p, flag);
        if (value !== undefined) runtimeFlag(`--${flag}`, value, input);
      }
      const { createService } = await ctx.api<{ createService: { id: string; name: string } }>(
        'mutation($input: CreateServiceInput!) { createService(input: $input) { id name } }',
        { input },
      );
      out(createService.id);
      await maybeWait(ctx, p, createService);
    },
  },
  ls: {
    usage: '',
    summary: 'List services',
    async run(ctx, argv) {
      parseArgs(argv, {});
      const services = await allPages<Service & ModeView>(
        ctx.api,
        'query($first: Int, $after: String) { services(first: $first, after: $after) { items { id name image mode replicas runningReplicas desiredTasks jobProgress { completed total } } nextCursor } }',
        'services',
      );
      printRows(
        services.map((s) => ({ id: s.id, name: s.name, mode: modeName(s.mode), replicas: replicasColumn(s), image: s.image })),
        [
          ['ID', 'id'],
          ['NAME', 'name'],
          ['MODE', 'mode'],
          ['REPLICAS', 'replicas'],
          ['IMAGE', 'image'],
        ],
        ctx.format,
      );
    },
  },
  inspect: {
    usage: 'SERVICE...',
    summary: 'Show services in detail, as JSON',
    async run(ctx, argv) {
      const p = parseArgs(argv, {});
      if (!p.positionals.length) throw usageError('a SERVICE (name or id) is required');
      const found: Service[] = [];
      for (const ref of p.positionals) found.push(await findService(ctx.api, ref));
      out(json(found));
    },
  },
  ps: {
    usage: 'SERVICE',
    summary: "List a service's tasks, history included",
    async run(ctx, argv) {
      const p = parseArgs(argv, {});
      const s = await findService(ctx.api, p.positionals[0]);
      const tasks = await allPages<{
        id: string;
        serviceName: string;
        slot: number;
        nodeId: string | null;
        node: { hostname: string } | null;
        image: string;
        desiredState: string;
        status: { state: string; message: string; err: string | null };
      }>(
        ctx.api,
        'query($id: ID!, $first: Int, $after: String) { tasks(first: $first, after: $after, filter: { serviceId: $id }) { items { id serviceName slot nodeId node { hostname } image desiredState status { state message err } } nextCursor } }',
        'tasks',
        { id: s.id },
      );
      printRows(
        tasks.map((t) => ({
          id: t.id,
          name: `${t.serviceName}.${t.slot}`,
          image: t.image,
          node: t.node?.hostname ?? t.nodeId ?? '',
          desired: t.desiredState,
          current: t.status.state,
          error: t.status.err ?? (t.status.state === 'PENDING' ? t.status.message : ''),
        })),
        [
          ['ID', 'id'],
          ['NAME', 'name'],
          ['IMAGE', 'image'],
          ['NODE', 'node'],
          ['DESIRED STATE', 'desired'],
          ['CURRENT STATE', 'current'],
          ['ERROR', 'error'],
        ],
        ctx.format,
        tasks,
      );
    },
  },
  scale: {
    usage: 'SERVICE=REPLICAS... [--detach] [--timeout 5m]',
    summary: 'Set the replica count of services',
    async run(ctx, argv) {
      const p = parseArgs(argv, WAIT_FLAGS);
      if (!p.positionals.length) throw usageError(`usage: shoal service scale ${service.scale.usage}`);
      const pairs = p.positionals.map((pair) => {
        const m = /^(.+)=(.+)$/.exec(pair);
        if (!m) throw usageError(`${pair}: expected SERVICE=REPLICAS`);
        return { ref: m[1], replicas: int(m[2], m[1]) };
      });
      for (const { ref, replicas } of pairs) {
        const s = await findService(ctx.api, ref);
        await ctx.api('mutation($id: ID!, $n: Int!) { scaleService(id: $id, replicas: $n) { id } }', { id: s.id, n: replicas });
        out(`${s.name} scaled to ${replicas}`);
        await maybeWait(ctx, p, s);
      }
    },
  },
  update: {
    usage: 'SERVICE [--image IMAGE] [--replicas N] [--env-add KEY=VALUE]... [--env-rm KEY]... [--args "ARG ..."] [--detach] [--timeout 5m]',
    summary: 'Change a service and wait until it has converged',
    async run(ctx, argv) {
      const p = parseArgs(argv, { image: 'string', replicas: 'string', 'env-add': 'list', 'env-rm': 'list', args: 'string', ...WAIT_FLAGS });
      if (p.positionals.length !== 1) throw usageError(`usage: shoal service update ${service.update.usage}`);
      const s = await findService(ctx.api, p.positionals[0]);
      const before = bool(p, 'detach') ? [] : await runningTasks(ctx.api, s.id);
      const input: Record<string, unknown> = {};
      const image = str(p, 'image');
      if (image !== undefined) input.image = image;
      const replicas = str(p, 'replicas');
      if (replicas !== undefined) input.replicas = int(replicas, '--replicas');
      if (list(p, 'env-add').length || list(p, 'env-rm').length) input.env = editEnv(s.spec.env, list(p, 'env-add'), list(p, 'env-rm'));
      const args = str(p, 'args');
      if (args !== undefined) input.args = args.split(/\s+/).filter(Boolean);
      if (!Object.keys(input).length) throw usageError('nothing to update: give --image, --replicas, --env-add, --env-rm or --args');
      await ctx.api('mutation($id: ID!, $input: UpdateServiceInput!, $v: Int!) { updateService(id: $id, input: $input, version: $v) { id } }', {
        id: s.id,
        input,
        v: s.version,
      });
      out(s.name);
      // Anything but the replica count changes the container spec: every task is replaced.
      const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
      const respec =
        ('image' in input && input.image !== s.image) ||
        ('env' in input && !same(input.env, s.spec.env)) ||
        ('args' in input && !same(input.args, s.spec.args));
      await maybeWait(ctx, p, s, respec ? new Set(before.map((t) => t.id)) : undefined);
    },
  },
  rm: {
    usage: 'SERVICE...',
    summary: 'Remove services; their containers are stopped and removed',
    async run(ctx, argv) {
      const p = parseArgs(argv, {});
      if (!p.positionals.length) throw usageError('a SERVICE (name or id) is required');
      for (const ref of p.positionals) {
        const s = await findService(ctx.api, ref);
        await ctx.api('mutation($id: ID!) { removeService(id: $id) }', { id: s.id });
        out(s.name);
      }
    },
  },
  logs: serviceLogs,
  rollback: {
    usage: 'SERVICE',
    summary: 'Roll a service back to its previous spec',
    async run(ctx, argv) {
      const p = parseArgs(argv, {});
      const s = await findService(ctx.api, p.positionals[0]);
      const { rollbackService } = await ctx.api<{ rollbackService: { updateStatus: { message: string } | null } }>(
        'mutation($id: ID!) { rollbackService(id: $id) { updateStatus { message } } }',
        { id: s.id },
      );
      out(`${s.name}: ${rollbackService.updateStatus?.message ?? 'rollback started'}`);
    },
  },
};
