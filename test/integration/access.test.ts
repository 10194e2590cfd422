import { rmSync } from 'node:fs';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { GraphQLClient, ManagerGroup, ManagerHandle, TEST_IMAGE, prepareManager, freePort, startManager, startManagers, waitFor } from '@shoal/testing';

const ADMIN_PASSWORD = 'admin-pass-1';
const CREATE_USER = 'mutation($input: CreateUserInput!) { createUser(input: $input) { id username role disabled } }';
const CREATE_TOKEN = 'mutation($input: CreateTokenInput!) { createToken(input: $input) { secret token { id name role owner expiresAt lastUsedAt } } }';
const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { expiresAt user { username role } } }';

interface Login {
  status: number;
  setCookie: string | null;
  body: { data?: unknown; errors?: { extensions?: { code?: string } }[] };
}

async function login(url: string, username: string, password: string): Promise<Login> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LOGIN, variables: { u: username, p: password } }),
  });
  return { status: res.status, setCookie: res.headers.get('set-cookie'), body: (await res.json()) as Login['body'] };
}

/** A console as the browser runs it: the session cookie, and the CSRF header unless told otherwise. */
async function consoleAs(url: string, username: string, password: string, csrf = true): Promise<GraphQLClient> {
  const r = await login(url, username, password);
  const cookie = /shoal_session=([^;]+)/.exec(r.setCookie ?? '')?.[1];
  if (!cookie) throw new Error(`login failed: ${JSON.stringify(r.body)}`);
  return new GraphQLClient(url, undefined, { cookie: `shoal_session=${cookie}`, ...(csrf ? { 'x-shoal-csrf': '1' } : {}) });
}

const code = (r: { errors?: { extensions?: { code?: string } }[] }): string | undefined => r.errors?.[0]?.extensions?.code;

describe('identity and access', () => {
  let m: ManagerHandle;
  let admin: GraphQLClient;
  beforeAll(async () => {
    m = await startManager({ SHOAL_ADMIN_PASSWORD: ADMIN_PASSWORD, SHOAL_LOGIN_MAX_FAILURES: '3' });
    admin = m.api; // the bootstrap admin token
    await waitFor('the bootstrap admin user', async () =>
      (await admin.request<{ users: { items: { username: string }[] } }>('{ users { items { username } } }')).data?.users.items.some(
        (u) => u.username === 'admin',
      ),
    );
    await admin.must(CREATE_USER, { input: { username: 'olga', password: 'operator-pass', role: 'OPERATOR' } });
    await admin.must(CREATE_USER, { input: { username: 'victor', password: 'viewer-pass', role: 'VIEWER' } });
  });
  afterAll(() => m?.process.kill('SIGTERM'));

  describe('console sessions', () => {
    it('logs the bootstrap admin user in with an httpOnly, SameSite=Strict cookie, and out', async () => {
      const r = await login(m.apiUrl, 'admin', ADMIN_PASSWORD);
      expect(r.body.data).toMatchObject({ login: { user: { username: 'admin', role: 'ADMIN' } } });
      expect(r.setCookie).toMatch(/^shoal_session=shoalsess_[^;]+;/);
      expect(r.setCookie).toMatch(/HttpOnly/);
      expect(r.setCookie).toMatch(/SameSite=Strict/);
      expect(r.setCookie).not.toMatch(/Secure/); // plain HTTP here; Secure when served over TLS

      const browser = await consoleAs(m.apiUrl, 'admin', ADMIN_PASSWORD);
      expect(await browser.must('{ me { kind name role user { username } } }')).toEqual({
        me: { kind: 'SESSION', name: 'admin', role: 'ADMIN', user: { username: 'admin' } },
      });
      expect(await browser.must('mutation { logout }')).toEqual({ logout: true });
      expect(code(await browser.request('{ me { name } }'))).toBe('UNAUTHENTICATED');
    });

    it('refuses a cookie-authenticated request without the CSRF header, and does nothing', async () => {
      const forged = await consoleAs(m.apiUrl, 'admin', ADMIN_PASSWORD, false);
      const r = await forged.request(CREATE_USER, { input: { username: 'mallory', password: 'mallory-pass', role: 'ADMIN' } });
      expect(r.data ?? null).toBeNull();
      expect(code(r)).toBe('FORBIDDEN');
      expect(r.errors?.[0].message).toMatch(/x-shoal-csrf/);
      const {
        users: { items: users },
      } = await admin.must<{ users: { items: { username: string }[] } }>('{ users { items { username } } }');
      expect(users.map((u) => u.username)).not.toContain('mallory');
    });

    it('answers a wrong password and an unknown user alike', async () => {
      const wrong = await login(m.apiUrl, 'victor', 'not-the-password');
      const unknown = await login(m.apiUrl, 'nobody-here', 'not-the-password');
      expect(code(wrong.body)).toBe('UNAUTHENTICATED');
      expect(unknown.body).toEqual(wrong.body);
      expect(wrong.setCookie).toBeNull();
    });
  });

  describe('roles', () => {
    it('lets a viewer read, but not change anything or read secrets', async () => {
      const viewer = await consoleAs(m.apiUrl, 'victor', 'viewer-pass');
      expect(await viewer.must('{ services { items { id } } cluster { name } }')).toMatchObject({ services: { items: [] }, cluster: { name: 'shoal' } });
      const create = await viewer.request('mutation { createService(input: { name: "v", image: "busybox:1", replicas: 0 }) { id } }');
      expect(code(create)).toBe('FORBIDDEN');
      expect(code(await viewer.request('{ cluster { joinTokens { worker } } }'))).toBe('FORBIDDEN');
      expect(code(await viewer.request(CREATE_TOKEN, { input: { name: 'mine', role: 'VIEWER' } }))).toBe('FORBIDDEN');
      expect((await admin.must<{ services: { items: unknown[] } }>('{ services { items { id } } }')).services.items).toEqual([]);
    });

    it('lets an operator deploy, but not manage users, see the audit log or exceed its role', async () => {
      const operator = await consoleAs(m.apiUrl, 'olga', 'operator-pass');
      const { createService } = await operator.must<{ createService: { id: string } }>(
        'mutation($i: CreateServiceInput!) { createService(input: $i) { id } }',
        { i: { name: 'ops-web', image: TEST_IMAGE, replicas: 0 } },
      );
      await operator.must('mutation($id: ID!) { removeService(id: $id) }', { id: createService.id });
      expect(code(await operator.request(CREATE_USER, { input: { username: 'olga2', password: 'operator-pass', role: 'ADMIN' } }))).toBe('FORBIDDEN');
      expect(code(await operator.request('{ users { items { id } } }'))).toBe('FORBIDDEN');
      expect(code(await operator.request('{ auditLog { records { id } } }'))).toBe('FORBIDDEN');
      expect(code(await operator.request('{ cluster { joinTokens { worker } } }'))).toBe('FORBIDDEN');
      expect(code(await operator.request(CREATE_TOKEN, { input: { name: 'too-much', role: 'ADMIN' } }))).toBe('FORBIDDEN');
    });
  });

  describe('API tokens', () => {
    it('shows the secret once, lists tokens without it, and revokes', async () => {
      const operator = await consoleAs(m.apiUrl, 'olga', 'operator-pass');
      const { createToken } = await operator.must<{ createToken: { secret: string; token: { id: string; owner: string; role: string; lastUsedAt: null } } }>(
        CREATE_TOKEN,
        {
          input: { name: 'ci', role: 'VIEWER' },
        },
      );
      expect(createToken.secret).toMatch(/^shoal_/);
      expect(createToken.token).toMatchObject({ owner: 'olga', role: 'VIEWER', lastUsedAt: null });
      const ci = new GraphQLClient(m.apiUrl, createToken.secret);
      expect(await ci.must('{ me { kind name role user { username } } }')).toEqual({
        me: { kind: 'TOKEN', name: 'ci', role: 'VIEWER', user: { username: 'olga' } },
      });

      const listed = await admin.must<{ tokens: { items: { id: string; name: string; lastUsedAt: string | null }[] } }>(
        '{ tokens { items { id name owner role lastUsedAt expiresAt createdAt } } }',
      );
      expect(JSON.stringify(listed)).not.toContain(createToken.secret);
      expect(listed.tokens.items.map((t) => t.name)).toEqual(expect.arrayContaining(['bootstrap-admin', 'ci']));
      // An operator sees its own tokens only.
      expect((await operator.must<{ tokens: { items: { name: string }[] } }>('{ tokens { items { name } } }')).tokens.items.map((t) => t.name)).toEqual(['ci']);

      // Others cannot revoke it (nor learn it exists); its owner can.
      const other = await admin.must<{ createToken: { token: { id: string } } }>(CREATE_TOKEN, { input: { name: 'admins-own', role: 'VIEWER' } });
      expect(code(await operator.request('mutation($id: ID!) { revokeToken(id: $id) }', { id: other.createToken.token.id }))).toBe('NOT_FOUND');
      await operator.must('mutation($id: ID!) { revokeToken(id: $id) }', { id: createToken.token.id });
      expect(code(await ci.request('{ me { name } }'))).toBe('UNAUTHENTICATED');
    });

    it('refuses a token after it expires', async () => {
      const expiresAt = new Date(Date.now() + 1500).toISOString();
      const { createToken } = await admin.must<{ createToken: { secret: string } }>(CREATE_TOKEN, { input: { name: 'short', role: 'VIEWER', expiresAt } });
      const t = new GraphQLClient(m.apiUrl, createToken.secret);
      expect((await t.must<{ me: { name: string } }>('{ me { name } }')).me.name).toBe('short');
      await waitFor('the token to expire', async () => code(await t.request('{ me { name } }')) === 'UNAUTHENTICATED');
    });

    it("never lets a token do more than its owner, and refuses a disabled owner's tokens", async () => {
      const { createUser } = await admin.must<{ createUser: { id: string } }>(CREATE_USER, {
        input: { username: 'tina', password: 'tina-pass-1', role: 'OPERATOR' },
      });
      const tina = await consoleAs(m.apiUrl, 'tina', 'tina-pass-1');
      const { createToken } = await tina.must<{ createToken: { secret: string } }>(CREATE_TOKEN, { input: { name: 'deployer', role: 'OPERATOR' } });
      const deployer = new GraphQLClient(m.apiUrl, createToken.secret);
      await admin.must('mutation($id: ID!) { updateUser(id: $id, input: { role: VIEWER }) { role } }', { id: createUser.id });
      expect((await deployer.must<{ me: { role: string } }>('{ me { role } }')).me.role).toBe('VIEWER');
      await admin.must('mutation($id: ID!) { updateUser(id: $id, input: { disabled: true }) { disabled } }', { id: createUser.id });
      expect(code(await deployer.request('{ me { role } }'))).toBe('UNAUTHENTICATED');
      expect(code(await tina.request('{ me { role } }'))).toBe('UNAUTHENTICATED'); // its sessions ended
      expect(code((await login(m.apiUrl, 'tina', 'tina-pass-1')).body)).toBe('UNAUTHENTICATED');
    });
  });

  describe('removing a user', () => {
    it('ends its sessions and revokes its API tokens with it', async () => {
      const { createUser } = await admin.must<{ createUser: { id: string } }>(CREATE_USER, {
        input: { username: 'rob', password: 'rob-pass-1', role: 'OPERATOR' },
      });
      const rob = await consoleAs(m.apiUrl, 'rob', 'rob-pass-1');
      const { createToken } = await rob.must<{ createToken: { secret: string } }>(CREATE_TOKEN, { input: { name: 'robs-ci', role: 'OPERATOR' } });
      expect(await admin.must('mutation($id: ID!) { removeUser(id: $id) }', { id: createUser.id })).toEqual({ removeUser: true });
      expect(code(await rob.request('{ me { name } }'))).toBe('UNAUTHENTICATED');
      expect(code(await new GraphQLClient(m.apiUrl, createToken.secret).request('{ me { name } }'))).toBe('UNAUTHENTICATED');
      const {
        tokens: { items: tokens },
      } = await admin.must<{ tokens: { items: { name: string }[] } }>('{ tokens { items { name } } }');
      expect(tokens.map((t) => t.name)).not.toContain('robs-ci');
      expect(code(await admin.request('mutation($id: ID!) { removeUser(id: $id) }', { id: createUser.id }))).toBe('NOT_FOUND');
    });
  });

  describe('bad input: a clear error with a code, and nothing written', () => {
    const cases: [string, string, Record<string, unknown>, string, string | null][] = [
      ['an empty password', CREATE_USER, { input: { username: 'x1', password: '', role: 'VIEWER' } }, 'BAD_USER_INPUT', 'input.password'],
      ['a weak password', CREATE_USER, { input: { username: 'x2', password: 'short', role: 'VIEWER' } }, 'BAD_USER_INPUT', 'input.password'],
      ['a duplicate username (any case)', CREATE_USER, { input: { username: 'OLGA', password: 'operator-pass', role: 'VIEWER' } }, 'CONFLICT', null],
      ['an unknown role', CREATE_USER, { input: { username: 'x3', password: 'long-enough', role: 'ROOT' } }, 'BAD_USER_INPUT', null],
      ['a malformed username', CREATE_USER, { input: { username: 'no spaces', password: 'long-enough', role: 'VIEWER' } }, 'BAD_USER_INPUT', 'input.username'],
      ['a past expiry', CREATE_TOKEN, { input: { name: 't', role: 'VIEWER', expiresAt: '2001-01-01T00:00:00Z' } }, 'BAD_USER_INPUT', 'input.expiresAt'],
      ['a malformed expiry', CREATE_TOKEN, { input: { name: 't', role: 'VIEWER', expiresAt: 'tomorrow' } }, 'BAD_USER_INPUT', 'input.expiresAt'],
      ['an empty token name', CREATE_TOKEN, { input: { name: ' ', role: 'VIEWER' } }, 'BAD_USER_INPUT', 'input.name'],
    ];
    it.each(cases)('%s', async (_what, query, variables, expected, field) => {
      const before = await admin.must<{ cluster: { appliedIndex: number } }>('{ cluster { appliedIndex } }');
      const r = await admin.request(query, variables);
      expect(r.data ?? null).toBeNull();
      expect(code(r)).toBe(expected);
      if (field) expect(r.errors?.[0].extensions?.field).toBe(field);
      const after = await admin.must<{ cluster: { appliedIndex: number } }>('{ cluster { appliedIndex } }');
      expect(after.cluster.appliedIndex).toBe(before.cluster.appliedIndex);
    });

    it('keeps at least one enabled admin user', async () => {
      const {
        users: { items: users },
      } = await admin.must<{ users: { items: { id: string; username: string }[] } }>('{ users { items { id username } } }');
      const adminUser = users.find((u) => u.username === 'admin')!;
      const r = await admin.request('mutation($id: ID!) { updateUser(id: $id, input: { role: VIEWER }) { role } }', { id: adminUser.id });
      expect(code(r)).toBe('CONFLICT');
      expect(code(await admin.request('mutation($id: ID!) { removeUser(id: $id) }', { id: adminUser.id }))).toBe('CONFLICT');
    });
  });

  describe('audit log', () => {
    type Record = { actor: { kind: string; name: string }; operation: string; arguments: string; result: string; index: number; at: string };
    const AUDIT =
      'query($f: AuditFilterInput, $first: Int, $after: String) { auditLog(filter: $f, first: $first, after: $after) { nextCursor records { actor { kind name } operation arguments result index at clientAddr } } }';

    it('records a mutation with its secrets redacted, in the entry of its change', async () => {
      const operator = await consoleAs(m.apiUrl, 'olga', 'operator-pass');
      const { createService } = await operator.must<{ createService: { id: string; version: number } }>(
        'mutation($i: CreateServiceInput!) { createService(input: $i) { id version } }',
        { i: { name: 'audited', image: TEST_IMAGE, replicas: 0, env: ['DB_PASSWORD=s3cr3t-value', 'MODE=prod'] } },
      );
      const { auditLog } = await admin.must<{ auditLog: { records: Record[] } }>(AUDIT, { f: { operation: 'createService', actor: 'olga' }, first: 1 });
      const rec = auditLog.records[0];
      expect(rec).toMatchObject({ actor: { kind: 'USER', name: 'olga' }, operation: 'createService', result: 'OK', index: createService.version });
      expect(rec.arguments).toContain('"name":"audited"');
      expect(rec.arguments).toContain('MODE=prod');
      expect(rec.arguments).not.toContain('s3cr3t-value');
      await operator.must('mutation($id: ID!) { removeService(id: $id) }', { id: createService.id });
    });

    it('records a failed login and a refused mutation, never the password', async () => {
      await login(m.apiUrl, 'victor', 'a-wrong-guess');
      const viewer = await consoleAs(m.apiUrl, 'victor', 'viewer-pass');
      await viewer.request('mutation { scaleService(id: "x", replicas: 3) { id } }');
      const { auditLog } = await admin.must<{ auditLog: { records: Record[] } }>(AUDIT, { f: { failed: true }, first: 10 });
      const failedLogin = auditLog.records.find((r) => r.operation === 'login' && r.actor.name === 'victor');
      expect(failedLogin).toMatchObject({ actor: { kind: 'ANONYMOUS', name: 'victor' }, result: 'UNAUTHENTICATED' });
      expect(failedLogin!.arguments).not.toContain('a-wrong-guess');
      expect(failedLogin!.arguments).toContain('[redacted]');
      expect(auditLog.records.find((r) => r.operation === 'scaleService')).toMatchObject({ actor: { kind: 'USER', name: 'victor' }, result: 'FORBIDDEN' });
      const { auditLog: ok } = await admin.must<{ auditLog: { records: Record[] } }>(AUDIT, {
        f: { operation: 'login', actor: 'victor', failed: false },
        first: 1,
      });
      expect(ok.records[0]).toMatchObject({ actor: { kind: 'USER', name: 'victor' }, result: 'OK' });
    });

    it('pages newest first', async () => {
      const first = await admin.must<{ auditLog: { nextCursor: string; records: Record[] } }>(AUDIT, { first: 2 });
      const second = await admin.must<{ auditLog: { records: Record[] } }>(AUDIT, { first: 2, after: first.auditLog.nextCursor });
      const indexes = [...first.auditLog.records, ...second.auditLog.records].map((r) => r.index);
      expect(indexes).toEqual([...indexes].sort((a, b) => b - a));
      expect(new Set(indexes).size).toBe(4);
    });

    it('streams records to an admin subscription', async () => {
      const client = createClient({ url: m.apiUrl.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${m.token}` } });
      const seen: Record[] = [];
      void new Promise((resolve) => {
        client.subscribe<{ auditRecords: Record }>(
          { query: 'subscription { auditRecords { actor { kind name } operation result arguments } }' },
          { next: (msg) => msg.data && seen.push(msg.data.auditRecords), error: resolve, complete: () => resolve(undefined) },
        );
      });
      await waitFor('an audited login on the stream', async () => {
        await login(m.apiUrl, 'streamed-user', 'whatever-1');
        return seen.some((r) => r.operation === 'login' && r.actor.name === 'streamed-user');
      });
      await client.dispose();
    });

    it('refuses the subscription to a viewer', async () => {
      const { createToken } = await admin.must<{ createToken: { secret: string } }>(CREATE_TOKEN, { input: { name: 'viewer-ws', role: 'VIEWER' } });
      const client = createClient({
        url: m.apiUrl.replace('http', 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${createToken.secret}` },
      });
      const result = await new Promise<unknown>((resolve) => {
        client.subscribe({ query: 'subscription { auditRecords { operation } }' }, { next: resolve, error: resolve, complete: () => resolve('complete') });
      });
      expect(result).toMatchObject({ errors: [{ message: 'auditRecords needs the ADMIN role; you are VIEWER', extensions: { code: 'FORBIDDEN' } }] });
      await client.dispose();
    });
  });

  describe("changing one's own password", () => {
    const CHANGE = 'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';
    it('needs the current password, ends the other sessions and keeps this one', async () => {
      await admin.must(CREATE_USER, { input: { username: 'pat', password: 'pat-pass-1', role: 'VIEWER' } });
      const here = await consoleAs(m.apiUrl, 'pat', 'pat-pass-1');
      const elsewhere = await consoleAs(m.apiUrl, 'pat', 'pat-pass-1');
      expect(code(await here.request(CHANGE, { c: 'not-my-password', n: 'pat-pass-2' }))).toBe('UNAUTHENTICATED');
      const weak = await here.request(CHANGE, { c: 'pat-pass-1', n: 'short' });
      expect(weak.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
      expect(code(await admin.request(CHANGE, { c: 'x', n: 'pat-pass-2' }))).toBe('FORBIDDEN'); // an API token has no password
      expect(await here.must(CHANGE, { c: 'pat-pass-1', n: 'pat-pass-2' })).toEqual({ changePassword: true });
      expect((await here.must<{ me: { name: string } }>('{ me { name } }')).me.name).toBe('pat');
      expect(code(await elsewhere.request('{ me { name } }'))).toBe('UNAUTHENTICATED');
      expect(code((await login(m.apiUrl, 'pat', 'pat-pass-1')).body)).toBe('UNAUTHENTICATED');
      expect(code((await login(m.apiUrl, 'pat', 'pat-pass-2')).body)).toBeUndefined();
      const { auditLog } = await admin.must<{ auditLog: { records: { arguments: string }[] } }>(
        '{ auditLog(filter: { operation: "changePassword", actor: "pat" }) { records { arguments } } }',
      );
      expect(auditLog.records.length).toBeGreaterThan(0);
      for (const r of auditLog.records) expect(r.arguments).not.toMatch(/pat-pass|not-my-password/);
    });
  });

  describe('lockout', () => {
    it('locks a username after repeated failures, even for the right password, with RATE_LIMITED', async () => {
      await admin.must(CREATE_USER, { input: { username: 'lara', password: 'lara-pass-1', role: 'VIEWER' } });
      for (let i = 0; i < 3; i++) expect(code((await login(m.apiUrl, 'lara', `guess-${i}-wrong`)).body)).toBe('UNAUTHENTICATED');
      const locked = await login(m.apiUrl, 'lara', 'lara-pass-1');
      expect(code(locked.body)).toBe('RATE_LIMITED');
      // When the oldest of the failures leaves the 15-minute window, and so when to try again.
      const { message, extensions } = (locked.body as { errors: { message: string; extensions: { retryAfterS: number } }[] }).errors[0];
      expect(extensions.retryAfterS).toBeGreaterThan(0);
      expect(extensions.retryAfterS).toBeLessThanOrEqual(900);
      expect(message).toContain(`try again in ${extensions.retryAfterS} s`);
      expect(locked.setCookie).toBeNull();
      // Others are not locked out.
      expect(code((await login(m.apiUrl, 'victor', 'viewer-pass')).body)).toBeUndefined();
    });
  });
});

describe('revocation across managers', () => {
  let g: ManagerGroup;
  beforeAll(async () => {
    g = await startManagers(3, { SHOAL_TOKEN_LAST_USE_INTERVAL_MS: '200' });
    await g.leader();
  });
  afterAll(() => g?.stop());

  it('records last use in batches, and refuses a revoked token on every manager at once, closing its subscriptions', async () => {
    const [m1, m2, m3] = g.members;
    const { createToken } = await m1.api.must<{ createToken: { secret: string; token: { id: string } } }>(CREATE_TOKEN, {
      input: { name: 'roaming', role: 'OPERATOR' },
    });
    const on = (mm: typeof m1) => new GraphQLClient(mm.apiUrl, createToken.secret);
    for (const mm of [m1, m2, m3]) expect((await on(mm).must<{ me: { name: string } }>('{ me { name } }')).me.name).toBe('roaming');
    await waitFor('the token to show a last use', async () => {
      const {
        tokens: { items: tokens },
      } = await m1.api.must<{ tokens: { items: { id: string; lastUsedAt: string | null }[] } }>('{ tokens { items { id lastUsedAt } } }');
      return tokens.find((t) => t.id === createToken.token.id)?.lastUsedAt ?? undefined;
    });
    let connected!: () => void;
    const isConnected = new Promise<void>((resolve) => (connected = resolve));
    const stream = createClient({
      url: m2.apiUrl.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${createToken.secret}` },
      retryAttempts: 0,
      on: { connected: () => connected() },
    });
    const closed = new Promise<unknown>((resolve) => {
      stream.subscribe({ query: 'subscription { events { id } }' }, { next: () => undefined, error: resolve, complete: () => resolve('complete') });
    });
    await isConnected;
    await m3.api.must('mutation($id: ID!) { revokeToken(id: $id) }', { id: createToken.token.id });
    const end = (await closed) as { code?: number; reason?: string };
    expect(`${end.code} ${end.reason}`).toMatch(/4403 Forbidden/);
    await stream.dispose();
    for (const mm of [m2, m1]) {
      expect(code(await on(mm).request('{ me { name } }'))).toBe('UNAUTHENTICATED');
      expect(code(await on(mm).request('mutation { scaleService(id: "x", replicas: 1) { id } }'))).toBe('UNAUTHENTICATED');
    }
  });

  it('ends a disabled user’s session on every manager at once, and locks out across managers', async () => {
    const [m1, m2, m3] = g.members;
    const { createUser } = await m1.api.must<{ createUser: { id: string } }>(CREATE_USER, {
      input: { username: 'dora', password: 'dora-pass-1', role: 'VIEWER' },
    });
    const session = await consoleAs(m2.apiUrl, 'dora', 'dora-pass-1');
    expect((await session.must<{ me: { name: string } }>('{ me { name } }')).me.name).toBe('dora');
    await m3.api.must('mutation($id: ID!) { updateUser(id: $id, input: { disabled: true }) { id } }', { id: createUser.id });
    expect(code(await session.request('{ me { name } }'))).toBe('UNAUTHENTICATED');

    // Failures spread over managers count together (the limit is the default 5).
    for (let i = 0; i < 5; i++) await login(g.members[i % 3].apiUrl, 'eve', `guess-${i}`);
    expect(code((await login(m1.apiUrl, 'eve', 'guess-again')).body)).toBe('RATE_LIMITED');
  });
});

describe('audit retention and the first admin', () => {
  it('keeps only the newest records when told to keep N', async () => {
    const m = await startManager({ SHOAL_AUDIT_RETENTION_RECORDS: '3' });
    try {
      for (let i = 0; i < 6; i++) {
        const { createService } = await m.api.must<{ createService: { id: string } }>('mutation($i: CreateServiceInput!) { createService(input: $i) { id } }', {
          i: { name: `r${i}`, image: TEST_IMAGE, replicas: 0 },
        });
        await m.api.must('mutation($id: ID!) { removeService(id: $id) }', { id: createService.id });
      }
      const records = await waitFor('the pruned audit log', async () => {
        const { auditLog } = await m.api.must<{ auditLog: { records: { operation: string; arguments: string }[] } }>(
          '{ auditLog(first: 100) { records { operation arguments } } }',
        );
        return auditLog.records.length <= 3 && auditLog.records;
      });
      expect(records.map((r) => r.operation)).toEqual(['removeService', 'createService', 'removeService']);
      expect(records[1].arguments).toContain('"name":"r5"');
    } finally {
      await m.process.kill('SIGTERM');
    }
  });

  it('refuses to start with a weak SHOAL_ADMIN_PASSWORD, naming the variable', async () => {
    const m = prepareManager(await freePort(), await freePort(), { SHOAL_ADMIN_PASSWORD: 'short' });
    m.process.start();
    expect(await m.process.waitForExit()).toBe(1);
    expect(m.process.output).toMatch(/SHOAL_ADMIN_PASSWORD: must be at least 8 characters/);
    rmSync(m.dataDir, { recursive: true, force: true });
  });
});
