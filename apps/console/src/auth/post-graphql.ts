import { apiUrl } from '../graphql/client';

export interface GraphQLError {
  message: string;
  extensions?: { code?: string; retryAfterS?: number };
}

export type PostResult = { reached: false } | { reached: true; status: number; data?: unknown; errors?: GraphQLError[] };

/** One GraphQL request outside the urql client (before there is a session, or to end one). */
export async function postGraphQL(
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
  fetcher: typeof fetch = fetch,
): Promise<PostResult> {
  let response: Response;
  try {
    response = await fetcher(apiUrl(), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    return { reached: false };
  }
  try {
    const body = (await response.json()) as { data?: unknown; errors?: GraphQLError[] };
    return { reached: true, status: response.status, data: body.data, errors: body.errors };
  } catch {
    return { reached: true, status: response.status, errors: [{ message: `the manager answered with HTTP ${response.status} and no GraphQL response` }] };
  }
}

export const UNREACHABLE = 'Cannot reach the manager. Check that Shoal is running and try again.';
