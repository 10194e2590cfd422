import { print } from 'graphql';
import type { ResultOf, TadaDocumentNode, VariablesOf } from 'gql.tada';
import { ShoalApiError, ShoalUnreachableError, type GraphQLErrorBody } from './errors';

export interface ShoalClientOptions {
  /** The manager's GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  /** An API token (`shoal_…`), sent as a bearer token. */
  token?: string;
  /** More headers on every request (e.g. `shoal-consistency: stale`). */
  headers?: Record<string, string>;
  /** Defaults to the global fetch (Node 20+, browsers). */
  fetch?: typeof fetch;
}

/** An answer's data and the response headers (a login's cookie, for one). */
export interface Answer<T> {
  data: T;
  headers: Headers;
}

type Args<D> = VariablesOf<D> extends Record<string, never> ? [variables?: VariablesOf<D>] : [variables: VariablesOf<D>];

/**
 * A typed client for Shoal's GraphQL API over HTTP. Documents are written with this
 * library's `graphql()`, so results and variables are checked against the schema.
 * Errors from the manager throw ShoalApiError (with the code); no answer throws
 * ShoalUnreachableError.
 */
export class ShoalClient {
  constructor(private readonly options: ShoalClientOptions) {}

  get url(): string {
    return this.options.url;
  }

  /** The same manager, as another identity or with more headers. */
  with(options: Partial<ShoalClientOptions>): ShoalClient {
    return new ShoalClient({ ...this.options, ...options, headers: { ...this.options.headers, ...options.headers } });
  }

  async request<D extends TadaDocumentNode<ResultOf<D>, VariablesOf<D>>>(document: D, ...[variables]: Args<D>): Promise<ResultOf<D>> {
    return (await this.answer(document, ...([variables] as Args<D>))).data;
  }

  async answer<D extends TadaDocumentNode<ResultOf<D>, VariablesOf<D>>>(document: D, ...[variables]: Args<D>): Promise<Answer<ResultOf<D>>> {
    return this.send<ResultOf<D>>(print(document), variables ?? {});
  }

  /** A request by its text, for documents built at run time. Prefer `request`. */
  async send<T>(query: string, variables: object = {}): Promise<Answer<T>> {
    const { url, token, headers, fetch: doFetch = fetch } = this.options;
    let res: Response;
    try {
      res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify({ query, variables }),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new ShoalUnreachableError(url, cause?.code ?? cause?.message ?? (err as Error).message);
    }
    const body = (await res.json().catch(() => ({}))) as { data?: T | null; errors?: GraphQLErrorBody[] };
    if (body.errors?.length) throw new ShoalApiError(body.errors, res.status);
    if (body.data == null) throw new ShoalApiError([{ message: `unexpected answer from ${url} (HTTP ${res.status})` }], res.status);
    return { data: body.data, headers: res.headers };
  }
}
