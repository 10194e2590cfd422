import { useMutation } from 'urql';
import { ConfirmAction } from '../../components/confirm-action';
import { UpdateServiceMutation } from '../../graphql/services.queries';

/**
 * Replaces every task though nothing in the spec changed (`updateService` with force,
 * docker's `service update --force`): to rebalance after nodes joined, or restart them
 * all. It goes through the rolling update, so it asks once more first.
 */
export function RedeployService({ id, name, version }: { id: string; name: string; version: number }) {
  const [, update] = useMutation(UpdateServiceMutation);
  return (
    <ConfirmAction
      label="Redeploy"
      question={`Replace every task of ${name}? They are replaced batch by batch, as its update config says.`}
      confirmLabel={`Yes, redeploy ${name}`}
      run={() => update({ id, version, input: { force: true } })}
    />
  );
}
