import { useState } from 'react';
import { useMutation } from 'urql';
import { ApiError } from '../../components/api-error';
import { RevokeTokenMutation } from '../../graphql/access.queries';

/** Revoking asks once more, in the page: every manager refuses the token from then on. */
export function RevokeToken({ id, name, onRevoked }: { id: string; name: string; onRevoked: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [result, revoke] = useMutation(RevokeTokenMutation);
  const confirm = async (): Promise<void> => {
    const r = await revoke({ id });
    if (!r.error) onRevoked();
  };
  if (!confirming)
    return (
      <button type="button" className="button-danger" onClick={() => setConfirming(true)} aria-label={`Revoke ${name}`}>
        Revoke
      </button>
    );
  return (
    <div className="confirm" role="group" aria-label={`Revoke ${name}?`}>
      <button type="button" className="button-danger" disabled={result.fetching} onClick={() => void confirm()}>
        Yes, revoke {name}
      </button>{' '}
      <button type="button" className="button-quiet" onClick={() => setConfirming(false)}>
        Cancel
      </button>
      <ApiError error={result.error} />
    </div>
  );
}
