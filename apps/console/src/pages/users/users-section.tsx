import { useCallback } from 'react';
import { useQuery } from 'urql';
import type { Me } from '../../auth/use-me';
import { ApiError } from '../../components/api-error';
import { UsersQuery } from '../../graphql/access.queries';
import { CreateUserForm } from './create-user-form';
import { UserRow } from './user-row';

export function UsersSection({ me }: { me: Me }) {
  const [{ data, error }, reexecute] = useQuery({ query: UsersQuery });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  return (
    <section aria-labelledby="users-heading">
      <h2 id="users-heading">All users</h2>
      <ApiError error={error} />
      {data && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.users.items.map((u) => (
                <UserRow key={u.id} user={u} self={u.id === me.userId} onChanged={refresh} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CreateUserForm onCreated={refresh} />
    </section>
  );
}
