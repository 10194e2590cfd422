import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { describeError } from '../../components/api-error';
import { FormField } from '../../components/form-field';
import { CreateUserMutation } from '../../graphql/access.queries';
import { ROLES, validateNewUser, type FieldErrors, type Role } from '../../model/access';

type Field = 'username' | 'password';

export function CreateUserForm({ onCreated }: { onCreated: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('VIEWER');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [created, setCreated] = useState<string | null>(null);
  const [result, create] = useMutation(CreateUserMutation);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setFailure(undefined);
    setCreated(null);
    const invalid = validateNewUser({ username, password });
    setErrors(invalid);
    const first = Object.keys(invalid)[0];
    if (first) {
      document.getElementById(`new-user-${first}`)?.focus();
      return;
    }
    const r = await create({ input: { username, password, role } });
    if (r.error) {
      const g = r.error.graphQLErrors[0];
      const field = g?.extensions?.field;
      if (g?.extensions?.code === 'CONFLICT') setErrors({ username: g.message });
      else if (field === 'username' || field === 'password') setErrors({ [field]: g.message });
      else setFailure(describeError(r.error));
      return;
    }
    setCreated(username);
    setUsername('');
    setPassword('');
    onCreated();
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="create-user-heading">
      <h3 id="create-user-heading">Create a user</h3>
      <FormField id="new-user-username" label="New username" help='1-64 letters, digits, ".", "_" or "-".' error={errors.username}>
        {(p) => <input {...p} autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />}
      </FormField>
      <FormField id="new-user-password" label="Initial password" help="8-72 bytes; tell the person to change it." error={errors.password}>
        {(p) => <input {...p} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
      </FormField>
      <FormField id="new-user-role" label="Role">
        {(p) => (
          <select {...p} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        )}
      </FormField>
      <button type="submit" disabled={result.fetching}>
        Create user
      </button>{' '}
      {created && (
        <span role="status" className="muted">
          User {created} created.
        </span>
      )}
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
    </form>
  );
}
