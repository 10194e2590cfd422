import type { ResultOf } from '@shoal/sdk';
import { bool, int, parseArgs, str } from '../args';
import { SERVICE_LOGS, SERVICE_NAME } from '../documents/services';
import type { Command } from '../command';
import { out } from '../command';
import { CliError, EXIT, usageError } from '../errors';
import { subscribe } from '../subscribe';

type LogLine = ResultOf<typeof SERVICE_LOGS>['serviceLogs']['lines'][number];

/** docker's short flags, spelled out for the parser. */
const SHORT: Record<string, string> = { '-f': '--follow', '-t': '--timestamps', '-n': '--tail' };

export interface LogPrintOptions {
  serviceName: string;
  timestamps: boolean;
  taskIds: boolean;
}

/** `web.1.q2x…@node-1 | text`, as docker service logs prints it. */
export function formatLine(l: Pick<LogLine, 'taskId' | 'slot' | 'hostname' | 'timestamp' | 'text'>, o: LogPrintOptions): string {
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
    const found = await ctx.api(SERVICE_NAME, { name: ref, id: ref });
    const name = found.byName?.name ?? found.byId?.name;
    if (!name) throw new CliError(`no such service: ${ref}`, EXIT.NOT_FOUND);
    const o: LogPrintOptions = { serviceName: name, timestamps: bool(p, 'timestamps'), taskIds: !bool(p, 'no-task-ids') };
    await subscribe(ctx.target(), SERVICE_LOGS, variables, ({ serviceLogs: batch }) => {
      if (batch.skipped > 0) process.stderr.write(`shoal: ${batch.skipped} lines skipped (reading too slowly)\n`);
      if (ctx.format === 'json') for (const l of batch.lines) out(JSON.stringify({ service: o.serviceName, ...l }));
      else if (batch.lines.length > 0) out(batch.lines.map((l) => formatLine(l, o)).join('\n'));
    });
  },
};
