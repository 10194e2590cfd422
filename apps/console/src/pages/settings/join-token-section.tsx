import { useState } from 'react';
import { useQuery } from 'urql';
import { ApiError } from '../../components/api-error';
import { JoinTokensQuery } from '../../graphql/cluster.queries';

/** The worker join token is a secret (admins only): fetched only when asked for. */
export function JoinTokenSection() {
  const [show, setShow] = useState(false);
  return (
    <section aria-labelledby="join-heading">
      <h2 id="join-heading">Add a worker node</h2>
      <p>Start an agent on the new host with the cluster address and the worker join token:</p>
      {show ? (
        <JoinCommand />
      ) : (
        <button type="button" onClick={() => setShow(true)}>
          Show the join token
        </button>
      )}
    </section>
  );
}

function JoinCommand() {
  const [{ data, error }] = useQuery({ query: JoinTokensQuery, requestPolicy: 'network-only' });
  if (error) return <ApiError error={error} />;
  if (!data) return <p role="status">Loading…</p>;
  return (
    <pre className="snippet">
      SHOAL_MANAGERS={data.cluster.clusterAddr} SHOAL_JOIN_TOKEN={data.cluster.joinTokens.worker} node apps/agent/dist/main.js
    </pre>
  );
}
