import { useMutation } from 'urql';
import { ApiError } from '../../components/api-error';
import { Badge } from '../../components/state-badge';
import { UpdateUserMutation } from '../../graphql/access.queries';
import { ROLES, type Role } from '../../model/access';
import { ResetPassword } from './reset-password';

interface Props {
  user: { id: string; username: string; role: Role; disabled: boolean };
  /** The row of the person logged in. */
  self: boolean;
  onChanged: () => void;
}

/** One user, with what an admin can change: role (at once), enabled or not, a new password. */
export function UserRow({ user, self, onChanged }: Props) {
  const [result, update] = useMutation(UpdateUserMutation);
  const change = async (input: { role?: Role; disabled?: boolean }): Promise<void> => {
    const r = await update({ id: user.id, input });
    if (!r.error) onChanged();
  };
  return (
    <tr>
      <th scope="row">
        {user.username}
        {self && <span className="muted"> (you)</span>}
      </th>
      <td>
        <label className="visually-hidden" htmlFor={`role-${user.id}`}>
          Role of {user.username}
        </label>
        <select id={`role-${user.id}`} value={user.role} disabled={result.fetching} onChange={(e) => void change({ role: e.target.value as Role })}>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </td>
      <td>
        <Badge tone={user.disabled ? 'idle' : 'ok'}>{user.disabled ? 'disabled' : 'enabled'}</Badge>
      </td>
      <td>
        <div className="row-actions">
          <button
            type="button"
            className={user.disabled ? undefined : 'button-danger'}
            disabled={result.fetching}
            onClick={() => void change({ disabled: !user.disabled })}
          >
            {user.disabled ? 'Enable' : 'Disable'} {user.username}
          </button>
          <ResetPassword id={user.id} username={user.username} />
        </div>
        <ApiError error={result.error} />
      </td>
    </tr>
  );
}
