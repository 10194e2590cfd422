import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { ConfirmAction } from '../../components/confirm-action';
import { RemoveServiceMutation } from '../../graphql/services.queries';

/** Removing asks once more; once removed, the services list is where to be. */
export function RemoveService({ id, name }: { id: string; name: string }) {
  const [, remove] = useMutation(RemoveServiceMutation);
  const navigate = useNavigate();
  return (
    <ConfirmAction
      label="Remove service"
      question={`Remove ${name}? Its containers are stopped and removed.`}
      confirmLabel={`Yes, remove ${name}`}
      danger
      run={async () => {
        const r = await remove({ id });
        if (!r.error) await navigate('/services');
        return r;
      }}
    />
  );
}
