import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionFor } from '../auth/session';
import { createApiClient } from './client';
import { WhoAmIQuery } from './cluster.queries';

const reply = (body: unknown) => vi.fn().mockResolvedValue(new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }));

describe('createApiClient', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('POSTs queries with the session bearer token', async () => {
    const fetch = reply({ data: { cluster: { name: 'shoal' } } });
    vi.stubGlobal('fetch', fetch);
    const api = createApiClient(sessionFor({ kind: 'token', token: 't0ken' }), vi.fn());
    const result = await api.client.query(WhoAmIQuery, {}).toPromise();
    expect(result.data?.cluster.name).toBe('shoal');
    const [, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ authorization: 'Bearer t0ken' });
    api.dispose();
  });

  it('ends the session when the manager stops accepting the token', async () => {
    vi.stubGlobal('fetch', reply({ errors: [{ message: 'a valid API token is required', extensions: { code: 'UNAUTHENTICATED' } }] }));
    const onUnauthenticated = vi.fn();
    const api = createApiClient(sessionFor({ kind: 'token', token: 'revoked' }), onUnauthenticated);
    await api.client.query(WhoAmIQuery, {}).toPromise();
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    api.dispose();
  });

  it('keeps the session on other errors', async () => {
    vi.stubGlobal('fetch', reply({ errors: [{ message: 'no leader', extensions: { code: 'UNAVAILABLE' } }] }));
    const onUnauthenticated = vi.fn();
    const api = createApiClient(sessionFor({ kind: 'token', token: 't0ken' }), onUnauthenticated);
    const result = await api.client.query(WhoAmIQuery, {}).toPromise();
    expect(result.error?.graphQLErrors[0].message).toBe('no leader');
    expect(onUnauthenticated).not.toHaveBeenCalled();
    api.dispose();
  });
});
