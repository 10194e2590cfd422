/**
 * Errors a client can act on. Each carries one of the API's codes; the GraphQL layer
 * turns them into `extensions.code` (docs/api.md). Never put secrets in a message.
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'RATE_LIMITED' | 'UNAVAILABLE';

export class ShoalError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The input field at fault, for BAD_USER_INPUT ("input.ports[0].target"). */
    readonly field?: string,
    /** For RATE_LIMITED: seconds until an attempt can succeed again (extensions.retryAfterS). */
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'ShoalError';
  }
}

export const badInput = (field: string, message: string): ShoalError => new ShoalError('BAD_USER_INPUT', `${field}: ${message}`, field);
export const notFound = (what: string, id: string): ShoalError => new ShoalError('NOT_FOUND', `${what} ${JSON.stringify(id)} not found`);
export const conflict = (message: string): ShoalError => new ShoalError('CONFLICT', message);
