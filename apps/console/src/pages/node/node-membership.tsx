import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { ApiError, describeError } from '../../components/api-error';
import { DemoteNodeMutation, NodeMembershipQuery, PromoteNodeMutation, RemoveNodeMutation } from '../../graphql/node-membership.queries';
import { useLiveQuery } from '../../live/use-live-query';
import type { MembershipAction } from '../../model/node-membership';
import { MembershipActions } from './membership-actions';

/** The node's place among the managers, and the actions that change it (docs/design/node-roles.md). */
export function NodeMembership({ id }: { id: string }) {
  const [{ data, error }] = useLiveQuery(NodeMembershipQuery, { id });
  const [, promote] = useMutation(PromoteNodeMutation);
  const [, demote] = useMutation(DemoteNodeMutation);
  const [, remove] = useMutation(RemoveNodeMutation);
  const navigate = useNavigate();
  const node = data?.node;
  if (!data || !node) return <ApiError error={error} />;

  const run = async (action: MembershipAction, force: boolean): Promise<string | undefined> => {
    const r = action === 'promote' ? await promote({ id }) : action === 'demote' ? await demote({ id }) : await remove({ id, force });
    if (r.error) return describeError(r.error);
    if (action === 'remove') await navigate('/nodes');
    return undefined;
  };
  const m = node.managerStatus;
  return (
    <>
      <p>
        {m
          ? `Runs manager ${m.memberId}: ${m.voter ? 'a voter' : 'not voting (joining, or removed)'}${m.leader ? ', the leader' : ''}, ${m.reachable ? 'reachable' : 'unreachable'}.`
          : 'No manager runs on this host.'}
      </p>
      {node.roleMessage && (
        <p role="status">
          Becoming a {node.desiredRole === 'MANAGER' ? 'manager' : 'worker'}: {node.roleMessage}
        </p>
      )}
      <MembershipActions node={node} raft={data.cluster.raft} run={run} />
    </>
  );
}
