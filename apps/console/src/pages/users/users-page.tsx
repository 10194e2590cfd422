import { useMe } from '../../auth/use-me';
import { PageTitle } from '../../components/page-title';
import { OwnPasswordForm } from './own-password-form';
import { UsersSection } from './users-section';

/** Admins manage users here; anyone logged in with a password changes their own. */
export default function UsersPage() {
  const me = useMe();
  return (
    <>
      <PageTitle>Users</PageTitle>
      {me && (
        <p>
          You are <strong>{me.name}</strong> ({me.role}
          {me.kind === 'TOKEN' ? ', with an API token' : ''}).
        </p>
      )}
      {me?.role === 'ADMIN' && <UsersSection me={me} />}
      {me && me.role !== 'ADMIN' && <p className="muted">Only admins create and change users.</p>}
      {me?.kind === 'SESSION' && <OwnPasswordForm />}
    </>
  );
}
