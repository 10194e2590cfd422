import { bool, parseArgs, str } from '../args';
import type { Group } from '../command';
import { out } from '../command';
import { loadConfig, saveConfig } from '../config';
import { CliError, EXIT, usageError } from '../errors';
import { json, printRows } from '../table';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function mustExist(name: string | undefined) {
  const config = loadConfig();
  if (!name) throw usageError('a context NAME is required');
  if (!config.contexts[name]) throw new CliError(`no such context: ${name}`, EXIT.NOT_FOUND);
  return config;
}

/** What inspect and ls show of a context: everything but the token. */
const describe = (name: string, current: boolean, c: { url: string; token?: string; username?: string }) => ({
  name,
  current,
  url: c.url,
  auth: c.token ? (c.username ? `token of ${c.username}` : 'token') : 'none',
});

export const context: Group = {
  create: {
    usage: 'NAME --url URL [--token TOKEN]',
    summary: 'Add a cluster to talk to (the first one becomes current)',
    async run(_ctx, argv) {
      const p = parseArgs(argv, { url: 'string', token: 'string' });
      const [name] = p.positionals;
      const url = str(p, 'url');
      if (!name || !url || p.positionals.length > 1) throw usageError('usage: shoal context create NAME --url URL [--token TOKEN]');
      if (!NAME.test(name)) throw usageError(`context name "${name}": use letters, digits, ".", "_" or "-"`);
      if (!/^https?:\/\//.test(url)) throw usageError(`--url ${url}: expected http(s)://HOST:PORT/graphql`);
      const config = loadConfig();
      if (config.contexts[name]) throw new CliError(`context ${name} already exists`);
      config.contexts[name] = { url, token: str(p, 'token') };
      config.current ??= name;
      saveConfig(config);
      out(name);
    },
  },
  ls: {
    usage: '',
    summary: 'List contexts; the current one is marked *',
    async run(ctx, argv) {
      parseArgs(argv, {});
      const config = loadConfig();
      const rows = Object.entries(config.contexts).map(([n, c]) => describe(n, n === config.current, c));
      printRows(
        rows.map((r) => ({ ...r, name: r.current ? `${r.name} *` : r.name })),
        [
          ['NAME', 'name'],
          ['URL', 'url'],
          ['AUTH', 'auth'],
        ],
        ctx.format,
        rows,
      );
    },
  },
  use: {
    usage: 'NAME',
    summary: 'Make NAME the current context',
    async run(_ctx, argv) {
      const [name] = parseArgs(argv, {}).positionals;
      const config = mustExist(name);
      config.current = name;
      saveConfig(config);
      out(name);
    },
  },
  rm: {
    usage: 'NAME... [--force]',
    summary: 'Remove contexts (the current one only with --force)',
    async run(_ctx, argv) {
      const p = parseArgs(argv, { force: 'boolean' });
      if (!p.positionals.length) throw usageError('a context NAME is required');
      for (const name of p.positionals) {
        const config = mustExist(name);
        if (config.current === name && !bool(p, 'force')) throw new CliError(`context ${name} is in use; switch to another first, or use --force`);
        delete config.contexts[name];
        if (config.current === name) delete config.current;
        saveConfig(config);
        out(name);
      }
    },
  },
  inspect: {
    usage: '[NAME]',
    summary: 'Show a context (the current one by default), never its token',
    async run(_ctx, argv) {
      const [given] = parseArgs(argv, {}).positionals;
      const name = given ?? loadConfig().current;
      if (!name) throw new CliError('no current context; create one with: shoal context create NAME --url URL', EXIT.NOT_FOUND);
      const config = mustExist(name);
      out(json(describe(name, name === config.current, config.contexts[name])));
    },
  },
};
