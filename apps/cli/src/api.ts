import { ShoalApiError, ShoalClient, ShoalUnreachableError } from '@shoal/sdk';
import type { ResultOf, TadaDocumentNode, VariablesOf } from '@shoal/sdk';
import { CliError, EXIT } from './errors';
import type { Target } from './config';

const EXIT_BY_CODE: Record<string, number> = {
  UNAUTHENTICATED: EXIT.UNAUTHENTICATED,
  FORBIDDEN: EXIT.FORBIDDEN,
  NOT_FOUND: EXIT.NOT_FOUND,
  BAD_USER_INPUT: EXIT.ERROR,
};

/** The SDK's errors as the CLI reports them: the server's message and code, and an exit code. */
export function cliError(err: unknown): unknown {
  if (err instanceof ShoalUnreachableError) return new CliError(err.message, EXIT.UNREACHABLE);
  if (err instanceof ShoalApiError) {
    const code = err.errors.length ? err.code : undefined;
    return new CliError(
      `${err.message}${code ? ` (${code})` : ''}`,
      (code ? EXIT_BY_CODE[code] : undefined) ?? (err.status === 401 ? EXIT.UNAUTHENTICATED : EXIT.ERROR),
    );
  }
  return err;
}

/** An error in a GraphQL answer that did not come through the SDK (a subscription's), as the CLI reports it. */
export function graphQLError(e: { message: string; extensions?: { code?: unknown } }): CliError {
  const code = typeof e.extensions?.code === 'string' ? e.extensions.code : undefined;
  return new CliError(`${e.message}${code ? ` (${code})` : ''}`, (code ? EXIT_BY_CODE[code] : undefined) ?? EXIT.ERROR);
}

/** Runs one SDK call, turning its errors into CliErrors. */
export async function call<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw cliError(err);
  }
}

/**
 * The target's typed API: `ctx.api(doc, variables)` with a document from `@shoal/sdk`'s
 * `graphql()`, so what a command reads is checked against the schema at build time.
 */
export type Api = <D extends TadaDocumentNode<ResultOf<D>, VariablesOf<D>>>(document: D, variables?: VariablesOf<D>) => Promise<ResultOf<D>>;

export function clientFor(target: Target): ShoalClient {
  return new ShoalClient({ url: target.url, token: target.token });
}

/** A client for the target, resolved on first use: the bearer token on every request. */
export function apiFor(target: () => Target): Api {
  let client: ShoalClient | undefined;
  return (async (document: TadaDocumentNode<unknown, Record<string, unknown>>, variables?: Record<string, unknown>) => {
    client ??= clientFor(target());
    const c = client;
    return call(() => c.request(document as never, variables as never));
  }) as Api;
}
