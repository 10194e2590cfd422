import { CliError, EXIT } from './errors';
import type { Target } from './config';

export interface GqlError {
  message: string;
  extensions?: { code?: string };
}

const EXIT_BY_CODE: Record<string, number> = {
  UNAUTHENTICATED: EXIT.UNAUTHENTICATED,
  FORBIDDEN: EXIT.FORBIDDEN,
  NOT_FOUND: EXIT.NOT_FOUND,
  BAD_USER_INPUT: EXIT.ERROR,
};

/** An API error as the CLI reports it: the server's message and code, and the exit status for the code. */
export function apiError(e: GqlError): CliError {
  const code = e.extensions?.code;
  return new CliError(`${e.message}${code ? ` (${code})` : ''}`, (code ? EXIT_BY_CODE[code] : undefined) ?? EXIT.ERROR);
}

export interface RawAnswer<T> {
  data: T;
  headers: Headers;
}

/** One GraphQL request; API errors become CliErrors with the server's message and code. */
export async function request<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<RawAnswer<T>> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new CliError(`cannot reach the manager at ${url}: ${cause?.code ?? cause?.message ?? (err as Error).message}`, EXIT.UNREACHABLE);
  }
  const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: GqlError[] };
  if (body.errors?.length) throw apiError(body.errors[0]);
  if (!body.data) throw new CliError(`unexpected answer from ${url} (HTTP ${res.status})`, res.status === 401 ? EXIT.UNAUTHENTICATED : EXIT.ERROR);
  return { data: body.data, headers: res.headers };
}

export type Api = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/** A client for the target: the bearer token on every request. */
export function apiFor(target: Target): Api {
  const auth: Record<string, string> = target.token ? { authorization: `Bearer ${target.token}` } : {};
  return async <T>(query: string, variables?: Record<string, unknown>) => (await request<T>(target.url, query, variables, auth)).data;
}
