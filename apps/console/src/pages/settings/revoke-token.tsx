import { useMutation } from 'urql';
import { ConfirmAction } from '../../components/confirm-action';
import { RevokeTokenMutation } from '../../graphql/access.queries';

/** Revoking asks once more: every manager refuses the token from then on. */
export function RevokeToken({ id, name, onRevoked }: { id: string; name: string; onRevoked: () => void }) {
  const [, revoke] = useMutation(RevokeTokenMutation);
  return (
    <ConfirmAction
      label="Revoke"
      labelAria={`Revoke ${name}`}
      groupLabel={`Revoke ${name}?`}
      confirmLabel={`Yes, revoke ${name}`}
      danger
      run={async () => {
        const r = await revoke({ id });
        if (!r.error) onRevoked();
        return r;
      }}
    />
  );
}
