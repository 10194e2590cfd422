import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ShoalClient } from './client';
import { ShoalApiError, ShoalUnreachableError } from './errors';
import { graphql } from './graphql';

const NODE = graphql(`
  query OneNode($id: ID!) {
    node(id: $id) {
      id
      hostname
    }
  }
`);

interface Seen {
  headers: IncomingMessage['headers'];
  body: { query: string; variables: Record<string, unknown> };
}

describe('ShoalClient', () => {
  let server: Server;
  let url: string;
  let seen: Seen[];
  let reply: { status: number; body: unknown };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        seen.push({ headers: req.headers, body: JSON.parse(raw) as Seen['body'] });
        res.writeHead(reply.status, { 'content-type': 'application/json', 'set-cookie': 'shoal_session=abc; HttpOnly' });
        res.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen = [];
    reply = { status: 200, body: { data: { node: { id: 'n1', hostname: 'h1' } } } };
  });

  it('sends the document with its variables and the bearer token, and returns the data', async () => {
    const client = new ShoalClient({ url, token: 'shoal_t0ken' });
    const data = await client.request(NODE, { id: 'n1' });
    expect(data.node?.hostname).toBe('h1');
    expect(seen).toHaveLength(1);
    expect(seen[0].headers.authorization).toBe('Bearer shoal_t0ken');
    expect(seen[0].body.variables).toEqual({ id: 'n1' });
    expect(seen[0].body.query).toContain('query OneNode($id: ID!)');
  });

  it('gives the response headers with answer(), and adds headers with with()', async () => {
    const client = new ShoalClient({ url }).with({ headers: { 'shoal-consistency': 'stale' } });
    const { headers } = await client.answer(NODE, { id: 'n1' });
    expect(headers.getSetCookie()[0]).toMatch(/^shoal_session=abc/);
    expect(seen[0].headers['shoal-consistency']).toBe('stale');
    expect(seen[0].headers.authorization).toBeUndefined();
  });

  it('throws ShoalApiError with the code and field of the first error', async () => {
    reply = { status: 200, body: { data: null, errors: [{ message: 'input.name: taken', extensions: { code: 'BAD_USER_INPUT', field: 'input.name' } }] } };
    const err = await new ShoalClient({ url }).request(NODE, { id: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShoalApiError);
    expect(err).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name', message: 'input.name: taken' });
  });

  it('throws ShoalApiError UNAUTHENTICATED for a bare 401', async () => {
    reply = { status: 401, body: {} };
    const err = await new ShoalClient({ url }).request(NODE, { id: 'x' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ShoalApiError', code: 'UNAUTHENTICATED', status: 401 });
  });

  it('throws ShoalUnreachableError when nothing answers', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await new ShoalClient({ url: `http://127.0.0.1:${port}/graphql` }).request(NODE, { id: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShoalUnreachableError);
    expect((err as Error).message).toMatch(/ECONNREFUSED/);
  });
});
