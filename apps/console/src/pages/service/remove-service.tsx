import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { ApiError } from '../../components/api-error';
import { RemoveServiceMutation } from '../../graphql/services.queries';

/** Removing asks once more, in the page rather than a browser dialog, so it works the same with a keyboard and a screen reader. */
export function RemoveService({ id, name }: { id: string; name: string }) {
  const [confirming, setConfirming] = useState(false);
  const [result, remove] = useMutation(RemoveServiceMutation);
  const navigate = useNavigate();

  const confirm = async (): Promise<void> => {
    const r = await remove({ id });
    if (!r.error) await navigate('/services');
  };

  if (!confirming)
    return (
      <button type="button" className="button-danger" onClick={() => setConfirming(true)}>
        Remove service
      </button>
    );
  return (
    <div className="confirm" role="group" aria-labelledby="remove-question">
      <p id="remove-question">Remove {name}? Its containers are stopped and removed.</p>
      <button type="button" className="button-danger" disabled={result.fetching} onClick={() => void confirm()}>
        Yes, remove {name}
      </button>{' '}
      <button type="button" className="button-quiet" onClick={() => setConfirming(false)}>
        Cancel
      </button>
      <ApiError error={result.error} />
    </div>
  );
}
