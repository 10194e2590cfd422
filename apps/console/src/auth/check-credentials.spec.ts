import { describe, expect, it, vi } from 'vitest';
import { checkCredentials } from './check-credentials';
import { sessionFor } from './session';

const session = sessionFor({ kind: 'token', token: 't0ken' });
const answer = (body: unknown, status = 200) => vi.fn().mockResolvedValue(new Response(JSON.stringify(body), { status }));

describe('checkCredentials', () => {
  it('sends the token as a bearer header and accepts an answer with data', async () => {
    const fetcher = answer({ data: { cluster: { name: 'shoal' } } });
    expect(await checkCredentials(session, fetcher)).toEqual({ ok: true });
    expect(fetcher.mock.calls[0][1].headers).toMatchObject({ authorization: 'Bearer t0ken' });
  });

  it('says the token was refused on UNAUTHENTICATED', async () => {
    const result = await checkCredentials(session, answer({ errors: [{ message: 'a valid API token is required', extensions: { code: 'UNAUTHENTICATED' } }] }));
    expect(result).toEqual({ ok: false, message: expect.stringContaining('refused this token') });
  });

  it('says the manager cannot be reached when the request fails', async () => {
    const result = await checkCredentials(session, vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    expect(result).toEqual({ ok: false, message: expect.stringContaining('Cannot reach the manager') });
  });
});
