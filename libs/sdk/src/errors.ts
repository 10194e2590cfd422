/** One error of a GraphQL answer, as the manager sends it (docs/api.md, "Errors"). */
export interface GraphQLErrorBody {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

/**
 * The manager answered with errors: `code` is the machine-readable reason
 * (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, CONFLICT, UNAVAILABLE, …) and
 * `field` names the input field at fault, when there is one.
 */
export class ShoalApiError extends Error {
  readonly code: string;
  readonly field?: string;
  readonly errors: readonly GraphQLErrorBody[];
  readonly status: number;

  constructor(errors: readonly GraphQLErrorBody[], status: number) {
    const first = errors[0];
    super(first?.message ?? `HTTP ${status}`);
    this.name = 'ShoalApiError';
    this.errors = errors;
    this.status = status;
    this.code = first?.extensions?.code ?? (status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL_SERVER_ERROR');
    const field = first?.extensions?.field;
    if (typeof field === 'string') this.field = field;
  }
}

/** No answer at all: the manager is down, the address is wrong, or the connection broke. */
export class ShoalUnreachableError extends Error {
  readonly url: string;

  constructor(url: string, reason: string) {
    super(`cannot reach the manager at ${url}: ${reason}`);
    this.name = 'ShoalUnreachableError';
    this.url = url;
  }
}
