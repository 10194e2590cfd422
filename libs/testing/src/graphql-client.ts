export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string; field?: string };
  path?: (string | number)[];
}

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLErrorShape[];
}

/** A minimal GraphQL-over-HTTP client, as automation would use the API. */
export class GraphQLClient {
  constructor(
    readonly url: string,
    private readonly token?: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  withToken(token: string | undefined): GraphQLClient {
    return new GraphQLClient(this.url, token, this.headers);
  }

  async request<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.headers, ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse<T>;
  }

  /** Like request, but throws on any error: for steps that must succeed. */
  async must<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const r = await this.request<T>(query, variables);
    if (r.errors?.length || !r.data) throw new Error(`GraphQL error: ${JSON.stringify(r.errors)}`);
    return r.data;
  }
}
