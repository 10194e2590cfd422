import type { ResultOf } from '@shoal/sdk';
import { bool, duration, list, parseArgs, str } from '../args';
import type { Api } from '../api';
import type { Group } from '../command';
import { out } from '../command';
import { CliError, EXIT, usageError } from '../errors';
import { DEMOTE_NODE, NODE_BY_ID, NODE_ROLE, NODES_PAGE, PROMOTE_NODE, REMOVE_NODE, UPDATE_NODE } from '../documents/nodes';
import { allPages } from '../pages';
import { json, printRows } from '../table';

type Node = NonNullable<ResultOf<typeof NODE_BY_ID>['node']>;

/** A node by id or hostname. */
async function findNode(api: Api, ref: string | undefined): Promise<Node> {
  if (!ref) throw usageError('a NODE (id or hostname) is required');
  const { node: byId } = await api(NODE_BY_ID, { id: ref });
  const node = byId ?? (await listNodes(api, ref)).find((n) => n.hostname === ref);
  if (!node) throw new CliError(`no such node: ${ref}`, EXIT.NOT_FOUND);
  return node;
}

/** Every node, or those whose hostname contains `hostname`, on every page. */
function listNodes(api: Api, hostname?: string): Promise<Node[]> {
  return allPages(api, NODES_PAGE, (d) => d.nodes, { filter: hostname === undefined ? null : { hostnameContains: hostname } });
}

const AVAILABILITY = ['active', 'pause', 'drain'];

/** docker's MANAGER STATUS column: Leader, Reachable or Unreachable for a manager's node; empty for a worker. */
function managerStatusOf(n: Node): string {
  const m = n.managerStatus;
  if (!m || !m.voter) return '';
  return m.leader ? 'Leader' : m.reachable ? 'Reachable' : 'Unreachable';
}

export const node: Group = {
  ls: {
    usage: '',
    summary: 'List nodes',
    async run(ctx, argv) {
      parseArgs(argv, {});
      const nodes = await listNodes(ctx.api);
      printRows(
        nodes.map((n) => ({
          id: n.id,
          hostname: n.hostname,
          status: n.status.state,
          availability: n.availability,
          role: n.role,
          manager: managerStatusOf(n),
          engine: n.description.engineVersion,
        })),
        [
          ['ID', 'id'],
          ['HOSTNAME', 'hostname'],
          ['STATUS', 'status'],
          ['AVAILABILITY', 'availability'],
          ['ROLE', 'role'],
          ['MANAGER STATUS', 'manager'],
          ['ENGINE', 'engine'],
        ],
        ctx.format,
        nodes,
      );
    },
  },
  inspect: {
    usage: 'NODE...',
    summary: 'Show nodes in detail, as JSON',
    async run(ctx, argv) {
      const p = parseArgs(argv, {});
      if (!p.positionals.length) throw usageError('a NODE (id or hostname) is required');
      const nodes: Node[] = [];
      for (const ref of p.positionals) nodes.push(await findNode(ctx.api, ref));
      out(json(nodes));
    },
  },
  update: {
    usage: 'NODE [--availability active|pause|drain] [--label-add KEY=VALUE]... [--label-rm KEY]...',
    summary: "Change a node's availability and labels",
    async run(ctx, argv) {
      const p = parseArgs(argv, { availability: 'string', 'label-add': 'list', 'label-rm': 'list' });
      if (p.positionals.length !== 1) throw usageError(`usage: shoal node update ${node.update.usage}`);
      const availability = str(p, 'availability')?.toLowerCase();
      if (availability !== undefined && !AVAILABILITY.includes(availability))
        throw usageError(`--availability ${availability}: expected active, pause or drain`);
      const adds = list(p, 'label-add').map((kv) => {
        const i = kv.indexOf('=');
        if (i <= 0) throw usageError(`--label-add ${kv}: expected KEY=VALUE`);
        return { key: kv.slice(0, i), value: kv.slice(i + 1) };
      });
      const removes = list(p, 'label-rm');
      if (availability === undefined && !adds.length && !removes.length) throw usageError('nothing to update: give --availability, --label-add or --label-rm');
      const n = await findNode(ctx.api, p.positionals[0]);
      const missing = removes.find((k) => !n.labels.some((l) => l.key === k));
      if (missing) throw new CliError(`node ${n.hostname} has no label ${missing}`, EXIT.NOT_FOUND);
      const input: Record<string, unknown> = {};
      if (availability) input.availability = availability.toUpperCase();
      if (adds.length || removes.length) {
        const keys = new Set([...removes, ...adds.map((a) => a.key)]);
        input.labels = [...n.labels.filter((l) => !keys.has(l.key)), ...adds];
      }
      await ctx.api(UPDATE_NODE, { id: n.id, input: input, version: n.version });
      out(n.id);
    },
  },
  rm: {
    usage: '[--force] NODE...',
    summary: 'Remove nodes from the cluster (a READY one only with --force; demote a manager first)',
    async run(ctx, argv) {
      const p = parseArgs(argv, { force: 'boolean' });
      if (!p.positionals.length) throw usageError(`usage: shoal node rm ${node.rm.usage}`);
      for (const ref of p.positionals) {
        const n = await findNode(ctx.api, ref);
        await ctx.api(REMOVE_NODE, { id: n.id, force: bool(p, 'force') });
        out(ref);
      }
    },
  },
  promote: {
    usage: '[--detach] [--timeout 1m] NODE...',
    summary: "Promote nodes to managers: each one's agent starts a manager that joins Raft",
    run: (ctx, argv) => changeRole(ctx.api, argv, 'MANAGER'),
  },
  demote: {
    usage: '[--detach] [--timeout 1m] NODE...',
    summary: 'Demote managers to workers: each one leaves Raft and its agent stops it',
    run: (ctx, argv) => changeRole(ctx.api, argv, 'WORKER'),
  },
};

/** promote / demote, with docker's messages; waits until the role has changed unless --detach. */
async function changeRole(api: Api, argv: string[], role: 'MANAGER' | 'WORKER'): Promise<void> {
  const p = parseArgs(argv, { detach: 'boolean', timeout: 'string' });
  const verb = role === 'MANAGER' ? 'promote' : 'demote';
  if (!p.positionals.length) throw usageError(`usage: shoal node ${verb} ${node[verb].usage}`);
  const timeoutMs = duration(str(p, 'timeout') ?? '1m', '--timeout');
  for (const ref of p.positionals) {
    const n = await findNode(api, ref);
    if (n.role === role) {
      out(`Node ${ref} is already a ${role === 'MANAGER' ? 'manager' : 'worker'}.`);
      continue;
    }
    await api(role === 'MANAGER' ? PROMOTE_NODE : DEMOTE_NODE, { id: n.id });
    if (!bool(p, 'detach')) await waitForRole(api, n.id, ref, role, timeoutMs);
    out(role === 'MANAGER' ? `Node ${ref} promoted to a manager in the cluster.` : `Manager ${ref} demoted in the cluster.`);
  }
}

async function waitForRole(api: Api, id: string, ref: string, role: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { node: n } = await api(NODE_ROLE, { id });
    if (!n) throw new CliError(`node ${ref} was removed while waiting`, EXIT.NOT_FOUND);
    if (n.role === role) return;
    if (Date.now() > deadline)
      throw new CliError(
        `node ${ref} is not a ${role.toLowerCase()} yet after ${timeoutMs / 1000} s${n.roleMessage ? ` (${n.roleMessage})` : ''}; the change goes on (shoal node ls shows it)`,
        EXIT.TIMEOUT,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}
