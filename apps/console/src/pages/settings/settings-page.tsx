import { ApiError } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { useMe } from '../../auth/use-me';
import { SettingsQuery } from '../../graphql/cluster.queries';
import { useLiveQuery } from '../../live/use-live-query';
import { atLeast } from '../../model/access';
import { ClusterSection } from './cluster-section';
import { JoinTokenSection } from './join-token-section';
import { ManagersSection } from './managers-section';
import { TokensSection } from './tokens-section';

/** Cluster settings, joining nodes, managers and API tokens; each part shows only what the caller's role may do (the API enforces it anyway). */
export default function SettingsPage() {
  const [{ data, error }] = useLiveQuery(SettingsQuery, {});
  const me = useMe();
  const cluster = data?.cluster;
  return (
    <>
      <PageTitle>Settings</PageTitle>
      <ApiError error={error} />
      {cluster && me && (
        <>
          <ClusterSection cluster={cluster} canEdit={me.role === 'ADMIN'} />
          {me.role === 'ADMIN' && <JoinTokenSection />}
          <ManagersSection raft={cluster.raft} />
          {atLeast(me.role, 'OPERATOR') && <TokensSection me={me} />}
        </>
      )}
    </>
  );
}
