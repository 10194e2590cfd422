import { bool, int, parseArgs, str } from '../args';
import type { Command } from '../command';
import { out } from '../command';
import { CliError, EXIT, usageError } from '../errors';
import { subscribe } from '../subscribe';

interface LogLine {
  taskId: string;
  slot: number;
  hostname: string;
  stream: 'STDOUT' | 'STDERR';
  timestamp: string;
  text: string;
}

const QUERY = `subscription($service: ID!, $follow: Boolean, $tail: Int, $since: String) {
  serviceLogs(service: $service, follow: $follow, tail: $tail, since: $since) {
    skipped
    lines { taskId slot nodeId hostname stream timestamp text }
  }
}`;

/** docker's short flags, spelled out for the parser. */
const SHORT: Record<string, string> = { '-f': '--follow', '-t': '--timestamps', '-n': '--tail' };

export interface LogPrintOptions {
  serviceName: string;
  timestamps: boolean;
  taskIds: boolean;
}

/** `web.1.q2x…@node-1 | text`, as docker service logs prints it. */
export function formatLine(l: LogLine, o: LogPrintOptions): string {
  const task = o.taskIds ? `${o.serviceName}.${l.slot}.${l.taskId}` : `${o.serviceName}.${l.slot}`;
  return `${task}@${l.hostname} | ${o.timestamps ? `${l.timestamp} ` : ''}${l.text}`;
}

export const serviceLogs: Command = {
  usage: '[-f|--follow] [--tail N] [--since 10m|RFC3339] [-t|--timestamps] [--no-task-ids] SERVICE',
  summary: "Print a service's logs, every task's lines prefixed with task and node; -f follows (Ctrl-C ends)",
  async run(ctx, argv) {
    const p = parseArgs(
      argv.map((a) => SHORT[a] ?? a),
      { follow: 'boolean', tail: 'string', since: 'string', timestamps: 'boolean', 'no-task-ids': 'boolean' },
    );
    const [ref, extra] = p.positionals;
    if (!ref || extra !== undefined) throw usageError(`usage: shoal service logs ${serviceLogs.usage}`);
    const tail = str(p, 'tail');
    const variables = {
      service: ref,
      follow: bool(p, 'follow'),
      ...(tail !== undefined && tail !== 'all' ? { tail: int(tail, '--tail') } : {}),
      ...(str(p, 'since') !== undefined ? { since: str(p, 'since') } : {}),
    };
    // The service's name for the prefix (ref may be an id); an unknown service fails here, before streaming.
    const found = await ctx.api<{ byName: { name: string } | null; byId: { name: string } | null }>(
      'query($n: String, $id: ID) { byName: service(name: $n) { name } byId: service(id: $id) { name } }',
      { n: ref, id: ref },
    );
    const name = found.byName?.name ?? found.byId?.name;
    if (!name) throw new CliError(`no such service: ${ref}`, EXIT.NOT_FOUND);
    const o: LogPrintOptions = { serviceName: name, timestamps: bool(p, 'timestamps'), taskIds: !bool(p, 'no-task-ids') };
    await subscribe<{ serviceLogs: { skipped: number; lines: LogLine[] } }>(ctx.target(), QUERY, variables, ({ serviceLogs: batch }) => {
      if (batch.skipped > 0) process.stderr.write(`shoal: ${batch.skipped} lines skipped (reading too slowly)\n`);
      if (ctx.format === 'json') for (const l of batch.lines) out(JSON.stringify({ service: o.serviceName, ...l }));
      else if (batch.lines.length > 0) out(batch.lines.map((l) => formatLine(l, o)).join('\n'));
    });
  },
};
