import { stringifyDocument } from '@urql/core';
import { WhoAmIQuery } from '../graphql/cluster.queries';
import { postGraphQL, UNREACHABLE } from './post-graphql';
import type { Session } from './session';

export type CheckResult = { ok: true } | { ok: false; message: string };

/** Asks the manager whether an API token is accepted, and says why not in words a person can act on. */
export async function checkCredentials(session: Session, fetcher: typeof fetch = fetch): Promise<CheckResult> {
  const result = await postGraphQL(stringifyDocument(WhoAmIQuery), {}, session.headers(), fetcher);
  if (!result.reached) return { ok: false, message: UNREACHABLE };
  const codes = (result.errors ?? []).map((e) => e.extensions?.code);
  if (codes.includes('UNAUTHENTICATED'))
    return { ok: false, message: 'The manager refused this token. Check that you copied the whole token (npm start prints the admin token) and try again.' };
  if (result.errors?.length) return { ok: false, message: `The manager could not check the token: ${result.errors[0].message}` };
  return { ok: true };
}
