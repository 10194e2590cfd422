import { useEffect, useRef } from 'react';
import { useQuery, type AnyVariables, type TypedDocumentNode } from 'urql';
import { useLive } from './live-context';

/** A query that stays current: it refetches in the background whenever the live layer says something changed. */
export function useLiveQuery<Data, Variables extends AnyVariables>(query: TypedDocumentNode<Data, Variables>, variables: Variables) {
  const { revision } = useLive();
  const [result, reexecute] = useQuery<Data, Variables>({ query, variables, requestPolicy: 'cache-and-network' });
  const seen = useRef(revision);
  useEffect(() => {
    if (seen.current === revision) return;
    seen.current = revision;
    reexecute({ requestPolicy: 'network-only' });
  }, [revision, reexecute]);
  return [result, reexecute] as const;
}
