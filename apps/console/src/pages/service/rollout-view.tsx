import { useState } from 'react';
import { useMutation } from 'urql';
import { ApiError } from '../../components/api-error';
import { RollbackServiceMutation, ServiceRolloutQuery } from '../../graphql/rollout.queries';
import { useLiveQuery } from '../../live/use-live-query';
import { canRollback } from '../../model/rollout';
import { RolloutPanel } from './rollout-panel';

/** The service's last rolling update or rollback, live, with the rollback action. Nothing before the first update. */
export function RolloutView({ id }: { id: string }) {
  const [{ data, error }] = useLiveQuery(ServiceRolloutQuery, { id });
  const service = data?.service;
  const status = service?.updateStatus;
  if (!service || !status) return <ApiError error={error} />;
  return (
    <RolloutPanel
      status={status}
      actions={canRollback(status.state, Boolean(service.previousSpec)) && <RollbackButton id={service.id} image={service.previousSpec?.image ?? ''} />}
    />
  );
}

function RollbackButton({ id, image }: { id: string; image: string }) {
  const [asked, setAsked] = useState(false);
  const [result, rollback] = useMutation(RollbackServiceMutation);
  if (!asked)
    return (
      <button type="button" onClick={() => setAsked(true)}>
        Roll back
      </button>
    );
  return (
    <div className="actions-row" role="group" aria-label="Confirm rollback">
      <span>{`Put the previous spec (${image}) back?`}</span>
      <button type="button" disabled={result.fetching} onClick={() => void rollback({ id }).then((r) => !r.error && setAsked(false))}>
        Roll back now
      </button>
      <button type="button" onClick={() => setAsked(false)}>
        Cancel
      </button>
      <ApiError error={result.error} />
    </div>
  );
}
