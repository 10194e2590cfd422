import { graphql, type ResultOf } from '@shoal/sdk';
import { bool, parseArgs } from '../args';
import type { Group } from '../command';
import { out } from '../command';
import { usageError } from '../errors';
import { formatFields, formatTable, json, printRows } from '../table';

const CLUSTER_INFO = graphql(`
  query ClusterInfo {
    cluster {
      id
      name
      clusterAddr
      appliedIndex
      settings {
        heartbeatPeriodMs
        heartbeatGrace
        taskHistoryLimit
        restartDelayMs
      }
      raft {
        id
        leader
        term
        role
        commitIndex
        appliedIndex
        firstIndex
        lastIndex
        members {
          id
          address
          role
          reachable
          matchIndex
        }
      }
    }
  }
`);
const REMOVE_MANAGER = graphql(`
  mutation RemoveManager($id: ID!, $force: Boolean!) {
    removeManager(id: $id, force: $force)
  }
`);
type Raft = ResultOf<typeof CLUSTER_INFO>['cluster']['raft'];

const memberRows = (raft: Raft) =>
  raft.members.map((m) => ({
    id: m.id === raft.id ? `${m.id} *` : m.id,
    address: m.address,
    role: m.role,
    reachable: m.reachable ? 'yes' : 'no',
    match: m.matchIndex ?? '',
  }));
const MEMBER_COLUMNS: [string, string][] = [
  ['ID', 'id'],
  ['ADDRESS', 'address'],
  ['ROLE', 'role'],
  ['REACHABLE', 'reachable'],
  ['MATCH INDEX', 'match'],
];

export const cluster: Group = {
  info: {
    usage: '',
    summary: 'Show the cluster, its settings and its Raft leader and members',
    async run(ctx, argv) {
      parseArgs(argv, {});
      const { cluster: c } = await ctx.api(CLUSTER_INFO);
      if (ctx.format === 'json') return out(json(c));
      out(
        formatFields([
          ['ID', c.id],
          ['Name', c.name],
          ['Agents connect', c.clusterAddr],
          ['Applied index', c.appliedIndex],
          ['Raft leader', c.raft.leader ?? '(election in progress)'],
          ['Raft term', c.raft.term],
          ['Answered by', `${c.raft.id} (${c.raft.role})`],
          ...Object.entries(c.settings).map(([k, v]): [string, number] => [k, v]),
        ]),
      );
      out(`\nManagers:\n${formatTable(memberRows(c.raft), MEMBER_COLUMNS)}`);
    },
  },
};

export const manager: Group = {
  ls: {
    usage: '',
    summary: 'List the managers (Raft members); * marks the one that answered',
    async run(ctx, argv) {
      parseArgs(argv, {});
      const { cluster: c } = await ctx.api(CLUSTER_INFO);
      printRows(memberRows(c.raft), MEMBER_COLUMNS, ctx.format, c.raft.members);
    },
  },
  rm: {
    usage: 'ID [--force]',
    summary: 'Remove a manager from Raft (--force even if it costs the quorum); stop it afterwards',
    async run(ctx, argv) {
      const p = parseArgs(argv, { force: 'boolean' });
      if (p.positionals.length !== 1) throw usageError('usage: shoal manager rm ID [--force]');
      await ctx.api(REMOVE_MANAGER, { id: p.positionals[0], force: bool(p, 'force') });
      out(p.positionals[0]);
    },
  },
};
