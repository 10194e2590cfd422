import type { ResultOf, TadaDocumentNode, VariablesOf } from '@shoal/sdk';
import { print } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { graphQLError } from './api';
import { CliError, EXIT } from './errors';
import type { Target } from './config';

/**
 * Runs one GraphQL subscription over graphql-ws with the target's token, calling
 * `onData` per event. Resolves when the server completes it or the user presses
 * Ctrl-C (a clean end); rejects with the API's error otherwise.
 */
export function subscribe<D extends TadaDocumentNode<ResultOf<D>, VariablesOf<D>>>(
  target: Target,
  document: D,
  variables: VariablesOf<D>,
  onData: (data: ResultOf<D>) => void,
): Promise<void> {
  const client = createClient({
    url: target.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: target.token ? { authorization: `Bearer ${target.token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
  return new Promise<void>((resolve, reject) => {
    const finish = (err?: unknown): void => {
      process.off('SIGINT', interrupt);
      void client.dispose();
      if (err === undefined) resolve();
      else reject(toCliError(err, target.url));
    };
    const interrupt = (): void => finish();
    process.once('SIGINT', interrupt);
    client.subscribe<ResultOf<D>>(
      { query: print(document), variables: variables as Record<string, unknown> },
      {
        next: (m) => {
          if (m.errors?.length) finish(m.errors);
          else if (m.data) onData(m.data);
        },
        error: (err) => finish(err),
        complete: () => finish(),
      },
    );
  });
}

function toCliError(err: unknown, url: string): CliError {
  if (err instanceof CliError) return err;
  if (Array.isArray(err) && err.length > 0) return graphQLError(err[0] as { message: string; extensions?: { code?: unknown } });
  // A close event: 4401/4403 mean the manager refused the credentials.
  const close = err as { code?: number; reason?: string };
  if (typeof close.code === 'number') {
    if (close.code === 4403 || close.code === 4401) return new CliError('the manager refused the credentials (UNAUTHENTICATED)', EXIT.UNAUTHENTICATED);
    return new CliError(`the manager closed the log stream (${close.code}${close.reason ? ` ${close.reason}` : ''})`, EXIT.ERROR);
  }
  const e = err as { code?: string; message?: string };
  return new CliError(`cannot reach the manager at ${url}: ${e.code ?? e.message ?? String(err)}`, EXIT.UNREACHABLE);
}
