import { useCallback, useState } from 'react';
import { useQuery } from 'urql';
import type { Me } from '../../auth/use-me';
import { ApiError } from '../../components/api-error';
import { TokensQuery } from '../../graphql/access.queries';
import { formatTime } from '../../model/format';
import { CreateTokenForm } from './create-token-form';
import { NewTokenSecret } from './new-token-secret';
import { RevokeToken } from './revoke-token';

/** API tokens: admins see all of them, operators their own; the secret is shown once, at creation. */
export function TokensSection({ me }: { me: Me }) {
  const [{ data, error }, reexecute] = useQuery({ query: TokensQuery });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  return (
    <section aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      <p>
        For scripts and the CLI: send one as <code>Authorization: Bearer …</code>.{' '}
        {me.role === 'ADMIN' ? 'All tokens are listed.' : 'Your own tokens are listed.'}
      </p>
      <ApiError error={error} />
      {created && <NewTokenSecret {...created} onDone={() => setCreated(null)} />}
      {data && data.tokens.items.length === 0 && <p className="muted">No API tokens yet.</p>}
      {data && data.tokens.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Owner</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.tokens.items.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.name}</th>
                  <td>{t.role}</td>
                  <td>{t.owner ?? 'bootstrap'}</td>
                  <td>{formatTime(t.createdAt)}</td>
                  <td>{t.expiresAt ? formatTime(t.expiresAt) : 'never'}</td>
                  <td>{t.lastUsedAt ? formatTime(t.lastUsedAt) : 'never'}</td>
                  <td>
                    <RevokeToken id={t.id} name={t.name} onRevoked={refresh} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CreateTokenForm
        role={me.role}
        onCreated={(c) => {
          setCreated(c);
          refresh();
        }}
      />
    </section>
  );
}
