import type { ResultOf, VariablesOf } from '@shoal/sdk';
import { bool, duration, int, list, parseArgs, str } from '../args';
import type { Api } from '../api';
import type { Ctx, Group } from '../command';
import { out } from '../command';
import { waitForConvergence } from '../converge';
import { CliError, EXIT, usageError } from '../errors';
import {
  CREATE_SERVICE,
  REMOVE_SERVICE,
  ROLLBACK_SERVICE,
  SCALE_SERVICE,
  SERVICE_BY_NAME_OR_ID,
  SERVICE_TASKS_PAGE,
  SERVICES_PAGE,
  UPDATE_SERVICE,
} from '../documents/services';
import { allPages, runningTasks } from '../pages';
import { serviceLogs } from './service-logs';
import { RUNTIME_FLAGS, RUNTIME_FLAGS_USAGE, runtimeFlag } from '../runtime-flags';
import { json, printRows } from '../table';
import { modeInput, modeName, replicasColumn } from './service-mode';

type CreateServiceInput = VariablesOf<typeof CREATE_SERVICE>['input'];
type Service = NonNullable<ResultOf<typeof SERVICE_BY_NAME_OR_ID>['byName']>;

const WAIT_FLAGS = { detach: 'boolean', timeout: 'string' } as const;

/** A service by name, else by id. */
async function findService(api: Api, ref: string | undefined): Promise<Service> {
  if (!ref) throw usageError('a SERVICE (name or id) is required');
  const { byName, byId } = await api(SERVICE_BY_NAME_OR_ID, { name: ref, id: ref });
  if (byName) return byName;
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

const RESOLVE_IMAGE = { always: 'ALWAYS', changed: 'CHANGED', never: 'NEVER' } as const;

/** `--resolve-image always|changed|never` as the API's enum (CHANGED when left out). */
function resolveImage(flags: ReturnType<typeof parseArgs>): (typeof RESOLVE_IMAGE)[keyof typeof RESOLVE_IMAGE] {
  const value = str(flags, 'resolve-image') ?? 'changed';
  if (!(value in RESOLVE_IMAGE)) throw usageError(`--resolve-image ${value}: expected always, changed or never`);
  return RESOLVE_IMAGE[value as keyof typeof RESOLVE_IMAGE];
}

/** Docker's warning when an image could not be pinned to a digest. */
function warnUnpinned(mode: string, given: string | undefined, stored: string): void {
  if (mode === 'NEVER' || given === undefined || stored.includes('@')) return;
  process.stderr.write(
    `image ${given} could not be accessed on a registry to record\nits digest. Each node will access ${given} independently,\npossibly leading to different nodes running different\nversions of the image.\n`,
  );
}

/** `--env-add K=V` replaces any K=…; `--env-rm K` drops it. */
export function editEnv(env: string[], add: string[], rm: string[]): string[] {
  for (const kv of add) if (!/^[^=]+=/.test(kv)) throw usageError(`--env-add ${kv}: expected KEY=VALUE`);
  const drop = new Set([...rm, ...add.map((kv) => kv.slice(0, kv.indexOf('=')))]);
  return [...env.filter((kv) => !drop.has(kv.split('=')[0])), ...add];
}

export const service: Group = {
  create: {
    usage: `--name NAME [--mode replicated|global|replicated-job|global-job] [--replicas N] [--max-concurrent N] [--env KEY=VALUE]... [--publish [PUBLISHED:]TARGET[/PROTO]]... ${RUNTIME_FLAGS_USAGE} [--resolve-image changed|never] [--detach] [--timeout 5m] IMAGE [ARG...]`,
    summary: 'Create a service and wait until its replicas run',
    async run(ctx, argv) {
      const p = parseArgs(
        argv,
        {
          name: 'string',
          mode: 'string',
          replicas: 'string',
          'max-concurrent': 'string',
          env: 'list',
          publish: 'list',
          'resolve-image': 'string',
          ...RUNTIME_FLAGS,
          ...WAIT_FLAGS,
        },
        { stopAtPositional: true },
      );
      const [image, ...args] = p.positionals;
      const name = str(p, 'name');
      if (!name || !image) throw usageError(`usage: shoal service create ${service.create.usage}`);
      const input: Record<string, unknown> = {
        name,
        image,
        resolveImage: resolveImage(p),
        env: list(p, 'env'),
        ports: list(p, 'publish').map(parsePort),
        ...modeInput(str(p, 'mode'), str(p, 'replicas'), str(p, 'max-concurrent')),
        ...(args.length ? { args } : {}),
      };
      for (const flag of Object.keys(RUNTIME_FLAGS)) {
        const value = str(p, flag);
        if (value !== undefined) runtimeFlag(`--${flag}`, value, input);
      }
      const { createService } = await ctx.api(CREATE_SERVICE, { input: input as CreateServiceInput });
      warnUnpinned(input.resolveImage as string, image, createService.spec.image);
      out(createService.id);
      await maybeWait(ctx, p, createService);
    },
  },
  ls: {
    usage: '',
    summary: 'List services',
    async run(ctx, argv) {
      parseArgs(argv, {});
      const services = await allPages(ctx.api, SERVICES_PAGE, (d) => d.services, {});
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
      const tasks = await allPages(ctx.api, SERVICE_TASKS_PAGE, (d) => d.tasks, { id: s.id });
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
        await ctx.api(SCALE_SERVICE, { id: s.id, replicas });
        out(`${s.name} scaled to ${replicas}`);
        await maybeWait(ctx, p, s);
      }
    },
  },
  update: {
    usage:
      'SERVICE [--image IMAGE] [--resolve-image always|changed|never] [--replicas N] [--env-add KEY=VALUE]... [--env-rm KEY]... [--args "ARG ..."] [--force] [--detach] [--timeout 5m]',
    summary: 'Change a service and wait until it has converged',
    async run(ctx, argv) {
      const p = parseArgs(argv, {
        image: 'string',
        'resolve-image': 'string',
        replicas: 'string',
        'env-add': 'list',
        'env-rm': 'list',
        args: 'string',
        force: 'boolean',
        ...WAIT_FLAGS,
      });
      const mode = resolveImage(p);
      const force = bool(p, 'force');
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
      // ALWAYS re-pins the current tag: an update of its own when the tag moved.
      if (!Object.keys(input).length && mode !== 'ALWAYS' && !force)
        throw usageError('nothing to update: give --image, --replicas, --env-add, --env-rm, --args, --force or --resolve-image always');
      const { updateService } = await ctx.api(UPDATE_SERVICE, { id: s.id, input: { ...input, resolveImage: mode, force }, version: s.version });
      warnUnpinned(mode, image, updateService.spec.image);
      out(s.name);
      // Anything but the replica count changes the container spec: every task is replaced.
      const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
      const respec =
        force ||
        updateService.spec.image !== s.image ||
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
        await ctx.api(REMOVE_SERVICE, { id: s.id });
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
      const { rollbackService } = await ctx.api(ROLLBACK_SERVICE, { id: s.id });
      out(`${s.name}: ${rollbackService.updateStatus?.message ?? 'rollback started'}`);
    },
  },
};
