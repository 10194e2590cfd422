import { list, parseArgs, str } from '../args';
import type { Api } from '../api';
import type { Group } from '../command';
import { out } from '../command';
import { CliError, EXIT, usageError } from '../errors';
import { allPages } from '../pages';
import { json, printRows } from '../table';

interface Node {
  id: string;
  hostname: string;
  role: string;
  availability: string;
  version: number;
  labels: { key: string; value: string }[];
  status: { state: string; addr: string };
  description: { engineVersion: string; os: string; arch: string; cpus: number; memoryBytes: number };
}

const FIELDS =
  'id hostname role availability version labels { key value } status { state addr message timestamp } description { hostname os arch cpus memoryBytes engineVersion labels { key value } } createdAt updatedAt';

/** A node by id or hostname. */
async function findNode(api: Api, ref: string | undefined): Promise<Node> {
  if (!ref) throw usageError('a NODE (id or hostname) is required');
  const { byId } = await api<{ byId: Node | null }>(`query($id: ID!) { byId: node(id: $id) { ${FIELDS} } }`, { id: ref });
  const node = byId ?? (await listNodes(api, ref)).find((n) => n.hostname === ref);
  if (!node) throw new CliError(`no such node: ${ref}`, EXIT.NOT_FOUND);
  return node;
}

/** Every node, or those whose hostname contains `hostname`, on every page. */
function listNodes(api: Api, hostname?: string): Promise<Node[]> {
  return allPages<Node>(
    api,
    `query($first: Int, $after: String, $filter: NodeFilterInput) { nodes(first: $first, after: $after, filter: $filter) { items { ${FIELDS} } nextCursor } }`,
    'nodes',
    { filter: hostname === undefined ? null : { hostnameContains: hostname } },
  );
}

const AVAILABILITY = ['active', 'pause', 'drain'];

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
          engine: n.description.engineVersion,
        })),
        [
          ['ID', 'id'],
          ['HOSTNAME', 'hostname'],
          ['STATUS', 'status'],
          ['AVAILABILITY', 'availability'],
          ['ROLE', 'role'],
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
      await ctx.api('mutation($id: ID!, $input: UpdateNodeInput!, $v: Int!) { updateNode(id: $id, input: $input, version: $v) { id } }', {
        id: n.id,
        input,
        v: n.version,
      });
      out(n.id);
    },
  },
  rm: {
    usage: 'NODE',
    summary: 'Remove a node (not available yet: the API has no removeNode)',
    async run() {
      throw new CliError('node rm is not available yet: the manager API has no operation to remove a node');
    },
  },
};
