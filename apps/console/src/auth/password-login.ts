import { postGraphQL, UNREACHABLE } from './post-graphql';
import type { CheckResult } from './check-credentials';
import { CSRF_HEADER } from './session';

const LOGIN = 'mutation Login($username: String!, $password: String!) { login(username: $username, password: $password) { expiresAt user { username } } }';

/** "in 3 minutes", "in 40 seconds": when a locked-out person may try again. */
export function retryIn(seconds: number): string {
  if (seconds >= 90) return `in ${Math.ceil(seconds / 60)} minutes`;
  return `in ${seconds} second${seconds === 1 ? '' : 's'}`;
}

/**
 * Logs in with a username and password: on success the manager has set its httpOnly
 * session cookie. A wrong password, an unknown user and a disabled user get one answer
 * from the manager (it does not say which usernames exist), and so one message here.
 */
export async function passwordLogin(username: string, password: string, fetcher: typeof fetch = fetch): Promise<CheckResult> {
  const result = await postGraphQL(LOGIN, { username, password }, { [CSRF_HEADER]: '1' }, fetcher);
  if (!result.reached) return { ok: false, message: UNREACHABLE };
  const error = result.errors?.[0];
  if (!error) return { ok: true };
  switch (error.extensions?.code) {
    case 'UNAUTHENTICATED':
      return {
        ok: false,
        message: 'Wrong username or password, or this user is disabled. Check both and try again; an admin can reset a password or enable a user.',
      };
    case 'RATE_LIMITED': {
      const after = error.extensions.retryAfterS;
      const when = typeof after === 'number' ? retryIn(after) : 'in a few minutes';
      return { ok: false, message: `Too many failed logins: this login is locked for now. Try again ${when}.` };
    }
    case 'UNAVAILABLE':
      return { ok: false, message: 'The managers have no quorum right now, so nobody can log in. Try again once the cluster has recovered.' };
    default:
      return { ok: false, message: `The manager could not log you in: ${error.message}` };
  }
}

/** Ends the cookie session on the manager; a failure to reach it is not the person's problem (the tab forgets the session anyway). */
export async function endSession(fetcher: typeof fetch = fetch): Promise<void> {
  await postGraphQL('mutation Logout { logout }', {}, { [CSRF_HEADER]: '1' }, fetcher);
}
