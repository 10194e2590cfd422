import type { CombinedError } from 'urql';

/** What went wrong with a request, in words a person can act on. */
export function describeError(error: CombinedError): string {
  if (error.networkError) return 'Cannot reach the manager. The page retries when the connection is back.';
  return error.graphQLErrors.map((e) => e.message).join('; ') || error.message;
}

export function ApiError({ error }: { error: CombinedError | undefined }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {describeError(error)}
    </p>
  );
}
