export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Calls the manager's GraphQL API; API errors become CliErrors with the server's message. */
export async function gql<T>(url: string, token: string | undefined, query: string, variables?: Record<string, unknown>): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch (err) {
    throw new CliError(`cannot reach the manager at ${url}: ${(err as Error).message}`, 2);
  }
  const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new CliError(`${e.message}${e.extensions?.code ? ` (${e.extensions.code})` : ''}`, e.extensions?.code === 'UNAUTHENTICATED' ? 3 : 1);
  }
  if (!body.data) throw new CliError(`unexpected answer from ${url} (HTTP ${res.status})`);
  return body.data;
}
