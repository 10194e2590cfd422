import { hostname } from 'node:os';
import { parseArgs, str } from '../args';
import { ShoalClient, graphql } from '@shoal/sdk';
import { call } from '../api';
import type { Group } from '../command';
import { out } from '../command';
import { loadConfig, saveConfig } from '../config';
import { CliError, usageError } from '../errors';
import { readLine, readSecret } from '../prompt';

/**
 * `login` answers a browser with a session cookie. The CLI logs in once to get that
 * session, uses it to create an API token of the user's role for itself, stores the
 * token in the context and ends the session: what remains is a named, revocable token.
 */
const LOGIN = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      user {
        username
        role
      }
    }
  }
`);
const CREATE_TOKEN = graphql(`
  mutation CreateCliToken($input: CreateTokenInput!) {
    createToken(input: $input) {
      secret
      token {
        id
      }
    }
  }
`);
const LOGOUT = graphql(`
  mutation Logout {
    logout
  }
`);
const REVOKE_TOKEN = graphql(`
  mutation RevokeCliToken($id: ID!) {
    revokeToken(id: $id)
  }
`);

async function login(url: string, username: string, password: string) {
  const anonymous = new ShoalClient({ url });
  const { data, headers } = await call(() => anonymous.answer(LOGIN, { username, password }));
  const cookie = headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('shoal_session='));
  if (!cookie) throw new CliError(`the manager at ${url} answered login without a session cookie`);
  const session = anonymous.with({ headers: { cookie, 'x-shoal-csrf': 'shoal-cli' } });
  try {
    const name = `shoal-cli ${data.login.user.username}@${hostname()} ${new Date().toISOString().slice(0, 19)}Z`;
    const created = await call(() => session.request(CREATE_TOKEN, { input: { name, role: data.login.user.role } }));
    return { user: data.login.user, secret: created.createToken.secret, tokenId: created.createToken.token.id };
  } finally {
    await session.request(LOGOUT).catch(() => undefined);
  }
}

export const auth: Group = {
  login: {
    usage: '[--username USER]',
    summary: 'Log in to the current context; the password is read from stdin or prompted for',
    async run(ctx, argv) {
      const p = parseArgs(argv, { username: 'string' });
      if (p.positionals.length) throw usageError('usage: shoal login [--username USER]');
      const config = loadConfig();
      const name = ctx.contextFlag ?? config.current;
      if (!name || !config.contexts[name]) throw usageError('no context to log in to; create one with: shoal context create NAME --url URL');
      const c = config.contexts[name];
      // A piped stdin carries the password only: readline would swallow what follows the username.
      if (!str(p, 'username') && !process.stdin.isTTY) throw usageError('--username is required when the password comes from stdin');
      const username = str(p, 'username') ?? (await readLine('Username: ')).trim();
      if (!username) throw usageError('a username is required');
      const password = await readSecret('Password: ');
      const r = await login(c.url, username, password);
      config.contexts[name] = { url: c.url, token: r.secret, tokenId: r.tokenId, username: r.user.username };
      saveConfig(config);
      out(`Logged in to ${name} as ${r.user.username} (${r.user.role})`);
    },
  },
  logout: {
    usage: '',
    summary: 'Revoke the token login stored in the current context and forget it',
    async run(ctx, argv) {
      parseArgs(argv, {});
      const config = loadConfig();
      const name = ctx.contextFlag ?? config.current;
      const c = name ? config.contexts[name] : undefined;
      if (!name || !c) throw usageError('no context to log out of');
      if (c.token && c.tokenId) {
        const tokenId = c.tokenId;
        await call(() => new ShoalClient({ url: c.url, token: c.token }).request(REVOKE_TOKEN, { id: tokenId })).catch((err: unknown) => {
          process.stderr.write(`shoal: warning: could not revoke the token: ${(err as Error).message}\n`);
        });
      }
      config.contexts[name] = { url: c.url };
      saveConfig(config);
      out(`Logged out of ${name}`);
    },
  },
};
