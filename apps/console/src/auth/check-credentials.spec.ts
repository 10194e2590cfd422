import { describe, expect, it, vi } from 'vitest';
import { checkCredentials } from './check-credentials';
import { passwordLogin } from './password-login';
import { sessionFor } from './session';

const session = sessionFor({ kind: 'token', token: 't0ken' });
const answer = (body: unknown, status = 200) => vi.fn().mockResolvedValue(new Response(JSON.stringify(body), { status }));
const refused = (code: string, extra: Record<string, unknown> = {}) => answer({ errors: [{ message: 'no', extensions: { code, ...extra } }] });

describe('checkCredentials', () => {
  it('sends the token as a bearer header and accepts an answer with data', async () => {
    const fetcher = answer({ data: { cluster: { name: 'shoal' } } });
    expect(await checkCredentials(session, fetcher)).toEqual({ ok: true });
    expect(fetcher.mock.calls[0][1].headers).toMatchObject({ authorization: 'Bearer t0ken' });
  });

  it('says the token was refused on UNAUTHENTICATED', async () => {
    const result = await checkCredentials(session, refused('UNAUTHENTICATED'));
    expect(result).toEqual({ ok: false, message: expect.stringContaining('refused this token') });
  });

  it('says the manager cannot be reached when the request fails', async () => {
    const result = await checkCredentials(session, vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    expect(result).toEqual({ ok: false, message: expect.stringContaining('Cannot reach the manager') });
  });
});

describe('passwordLogin', () => {
  it('sends the username and password with the CSRF header, keeping the cookie', async () => {
    const fetcher = answer({ data: { login: { expiresAt: '2026-01-01T00:00:00Z', user: { username: 'ann' } } } });
    expect(await passwordLogin('ann', 'secret-pw', fetcher)).toEqual({ ok: true });
    const [, init] = fetcher.mock.calls[0];
    expect(init.headers).toMatchObject({ 'x-shoal-csrf': '1' });
    expect(init.credentials).toBe('same-origin');
    expect(JSON.parse(init.body as string).variables).toEqual({ username: 'ann', password: 'secret-pw' });
  });

  it('says wrong username or password (or disabled) on UNAUTHENTICATED', async () => {
    expect(await passwordLogin('ann', 'x', refused('UNAUTHENTICATED'))).toEqual({
      ok: false,
      message: expect.stringMatching(/^Wrong username or password, or this user is disabled/),
    });
  });

  it('says when to try again when locked out', async () => {
    expect(await passwordLogin('ann', 'x', refused('RATE_LIMITED', { retryAfterS: 600 }))).toEqual({
      ok: false,
      message: expect.stringContaining('Try again in 10 minutes.'),
    });
    expect(await passwordLogin('ann', 'x', refused('RATE_LIMITED', { retryAfterS: 42 }))).toEqual({
      ok: false,
      message: expect.stringContaining('Try again in 42 seconds.'),
    });
  });

  it('says the manager cannot be reached', async () => {
    expect(await passwordLogin('ann', 'x', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')))).toEqual({
      ok: false,
      message: expect.stringContaining('Cannot reach the manager'),
    });
  });
});
