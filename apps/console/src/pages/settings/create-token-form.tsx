import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { describeError } from '../../components/api-error';
import { FormField } from '../../components/form-field';
import { CreateTokenMutation } from '../../graphql/access.queries';
import { expiresAt, grantable, TOKEN_EXPIRIES, validateTokenName, type Role } from '../../model/access';

interface Props {
  /** The creator's role: a token may have at most that. */
  role: Role;
  onCreated: (created: { name: string; secret: string }) => void;
}

export function CreateTokenForm({ role, onCreated }: Props) {
  const roles = grantable(role);
  const [name, setName] = useState('');
  const [tokenRole, setTokenRole] = useState<Role>(roles[roles.length - 1]);
  const [days, setDays] = useState(30);
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [result, create] = useMutation(CreateTokenMutation);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setFailure(undefined);
    const invalid = validateTokenName(name);
    setError(invalid);
    if (invalid) {
      document.getElementById('token-name')?.focus();
      return;
    }
    const r = await create({ input: { name: name.trim(), role: tokenRole, expiresAt: expiresAt(days) } });
    if (r.error) {
      const field = r.error.graphQLErrors.find((g) => g.extensions?.field === 'name');
      if (field) setError(field.message);
      else setFailure(describeError(r.error));
      return;
    }
    setName('');
    if (r.data) onCreated({ name: r.data.createToken.token.name, secret: r.data.createToken.secret });
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="create-token-heading">
      <h3 id="create-token-heading">Create a token</h3>
      <FormField id="token-name" label="Token name" help="What uses it, e.g. ci-deploy." error={error}>
        {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
      </FormField>
      <FormField id="token-role" label="Token role" help="At most your own role.">
        {(p) => (
          <select {...p} value={tokenRole} onChange={(e) => setTokenRole(e.target.value as Role)}>
            {roles.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="token-expiry" label="Expires">
        {(p) => (
          <select {...p} value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {TOKEN_EXPIRIES.map((x) => (
              <option key={x.days} value={x.days}>
                {x.label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <button type="submit" disabled={result.fetching}>
        Create token
      </button>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
    </form>
  );
}
