import { stringifyDocument } from '@urql/core';
import { WhoAmIQuery } from '../graphql/cluster.queries';
import { apiUrl } from '../graphql/client';
import type { Session } from './session';

export type CheckResult = { ok: true } | { ok: false; message: string };

interface GraphQLResponse {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Asks the manager whether the session's credentials are accepted, and says why not in words a person can act on. */
export async function checkCredentials(session: Session, fetcher: typeof fetch = fetch): Promise<CheckResult> {
  let response: Response;
  try {
    response = await fetcher(apiUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...session.headers() },
      body: JSON.stringify({ query: stringifyDocument(WhoAmIQuery) }),
    });
  } catch {
    return { ok: false, message: 'Cannot reach the manager. Check that Shoal is running and try again.' };
  }
  let body: GraphQLResponse;
  try {
    body = (await response.json()) as GraphQLResponse;
  } catch {
    return { ok: false, message: `The manager answered with HTTP ${response.status} and no GraphQL response. Try again in a moment.` };
  }
  const codes = (body.errors ?? []).map((e) => e.extensions?.code);
  if (codes.includes('UNAUTHENTICATED'))
    return { ok: false, message: 'The manager refused this token. Check that you copied the whole token (npm start prints the admin token) and try again.' };
  if (body.errors?.length) return { ok: false, message: `The manager could not check the token: ${body.errors[0].message}` };
  return { ok: true };
}
