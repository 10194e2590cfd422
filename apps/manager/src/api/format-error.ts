import { Logger } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ShoalError } from '../common/errors';

const log = new Logger('GraphQL');
const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'UNAVAILABLE',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COMPLEX',
]);

/**
 * Every error leaves with a code and a message a person can act on; anything
 * unexpected is logged here and reaches the client as INTERNAL_SERVER_ERROR without
 * its details or stack.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const unwrapped = unwrapResolverError(error);
  // Errors raised while a subscription starts come without a path, which unwrapResolverError needs.
  const inner = (unwrapped as { originalError?: unknown } | undefined)?.originalError;
  const original = inner instanceof ShoalError ? inner : unwrapped;
  if (original instanceof ShoalError) {
    return {
      message: original.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: {
        code: original.code,
        ...(original.field ? { field: original.field } : {}),
        ...(original.retryAfterS !== undefined ? { retryAfterS: original.retryAfterS } : {}),
      },
    };
  }
  let code = formatted.extensions?.code;
  // Apollo reports every validation error as GRAPHQL_VALIDATION_FAILED; query limits keep their own code.
  const limit = (error as { originalError?: { extensions?: { code?: unknown } } } | undefined)?.originalError?.extensions?.code;
  if (code === 'GRAPHQL_VALIDATION_FAILED' && (limit === 'QUERY_TOO_DEEP' || limit === 'QUERY_TOO_COMPLEX')) code = limit;
  if (typeof code === 'string' && PASS_THROUGH.has(code)) {
    return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions: { code } };
  }
  log.error(`unexpected error${formatted.path ? ` at ${formatted.path.join('.')}` : ''}: ${(original as Error)?.stack ?? String(original)}`);
  return {
    message: 'internal error; the manager logged the details',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
