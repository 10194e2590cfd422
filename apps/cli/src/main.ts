#!/usr/bin/env node
import { apiFor } from './api';
import type { Ctx } from './command';
import { out } from './command';
import type { Target } from './config';
import { resolveTarget } from './config';
import { CliError, EXIT, usageError } from './errors';
import { registry, usage } from './registry';

/** Global flags come before the command: `shoal --context prod service ls`. */
async function main(argv: string[]): Promise<void> {
  let format: Ctx['format'] = 'table';
  let contextFlag: string | undefined;
  let i = 0;
  for (; i < argv.length && argv[i].startsWith('-'); i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw usageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--format') {
      const f = value();
      if (f !== 'table' && f !== 'json') throw usageError(`--format ${f}: expected table or json`);
      format = f;
    } else if (flag === '--context') contextFlag = value();
    else if (flag === '-h' || flag === '--help') return out(usage());
    else throw usageError(`unknown flag ${flag}\n\n${usage()}`);
  }
  const [group, ...rest] = argv.slice(i);
  if (!group) throw usageError(usage());
  const verbs = registry[group];
  if (!verbs) throw usageError(`unknown command: ${group}\n\n${usage()}`);
  const lone = verbs[''];
  const [verb, ...args] = lone ? ['', ...rest] : rest;
  if (verb === '--help' || verb === '-h' || (!lone && verb === undefined)) return out(usage(group));
  const command = verbs[verb];
  if (!command) throw usageError(`unknown command: shoal ${group} ${verb}\n\n${usage(group)}`);
  if (args.includes('--help') || args.includes('-h')) return out(usage(group));

  let target: Target | undefined;
  const resolved = () => (target ??= resolveTarget(contextFlag));
  const ctx: Ctx = { format, contextFlag, target: resolved, api: apiFor(resolved) };
  await command.run(ctx, args);
}

main(process.argv.slice(2)).then(
  () => process.exit(EXIT.OK),
  (err: unknown) => {
    process.stderr.write(`shoal: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof CliError ? err.exitCode : EXIT.ERROR);
  },
);
