import type { Command, Group } from './command';
import { out } from './command';
import { cluster, manager } from './commands/cluster';
import { context } from './commands/context';
import { auth } from './commands/login';
import { node } from './commands/node';
import { service } from './commands/service';
import { bashCompletion } from './completion';
import { usageError } from './errors';

export const GLOBAL_FLAGS = ['--format', '--context', '--help'];

/** Every command: groups of verbs, and lone commands under the verb "". */
export const registry: Record<string, Group> = {
  context,
  login: { '': auth.login },
  logout: { '': auth.logout },
  node,
  service,
  cluster,
  manager,
  completion: {
    '': {
      usage: 'bash',
      summary: 'Print a bash completion script: source <(shoal completion bash)',
      async run(_ctx, argv) {
        if (argv[0] !== 'bash' || argv.length > 1) throw usageError('usage: shoal completion bash');
        const tree = Object.fromEntries(Object.entries(registry).map(([g, verbs]) => [g, Object.keys(verbs).filter(Boolean)]));
        out(bashCompletion(tree, GLOBAL_FLAGS));
      },
    },
  },
};

const line = (group: string, verb: string, c: Command) => `  ${[`shoal ${group}`, verb, c.usage].filter(Boolean).join(' ')}\n      ${c.summary}`;

/** Help for everything, or for one group. */
export function usage(group?: string): string {
  const groups = group && registry[group] ? [group] : Object.keys(registry);
  const lines = groups.flatMap((g) => Object.entries(registry[g]).map(([v, c]) => line(g, v, c)));
  return `Usage: shoal [--context NAME] [--format table|json] COMMAND

${lines.join('\n')}

Global flags:
  --context NAME    use this context instead of the current one
  --format json     print JSON for scripts instead of tables
Environment: SHOAL_URL and SHOAL_TOKEN override the current context's URL and token;
SHOAL_CONFIG_DIR holds config.json (default ~/.shoal). See docs/cli.md.`;
}
