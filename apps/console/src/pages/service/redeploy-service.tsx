import { useState } from 'react';
import { useMutation } from 'urql';
import { ApiError } from '../../components/api-error';
import { UpdateServiceMutation } from '../../graphql/services.queries';

/**
 * Replaces every task though nothing in the spec changed (`updateService` with force,
 * docker's `service update --force`): to rebalance after nodes joined, or restart them
 * all. It goes through the rolling update, so it asks once more first.
 */
export function RedeployService({ id, name, version }: { id: string; name: string; version: number }) {
  const [confirming, setConfirming] = useState(false);
  const [result, update] = useMutation(UpdateServiceMutation);

  const confirm = async (): Promise<void> => {
    const r = await update({ id, version, input: { force: true } });
    if (!r.error) setConfirming(false);
  };

  if (!confirming)
    return (
      <button type="button" onClick={() => setConfirming(true)}>
        Redeploy
      </button>
    );
  return (
    <div className="confirm" role="group" aria-labelledby="redeploy-question">
      <p id="redeploy-question">Replace every task of {name}? They are replaced batch by batch, as its update config says.</p>
      <button type="button" disabled={result.fetching} onClick={() => void confirm()}>
        Yes, redeploy {name}
      </button>{' '}
      <button type="button" className="button-quiet" onClick={() => setConfirming(false)}>
        Cancel
      </button>
      <ApiError error={result.error} />
    </div>
  );
}
