/** promote, demote and remove, judged before asking the manager (docs/design/node-roles.md). */
export type MembershipAction = 'promote' | 'demote' | 'remove';

export interface MembershipNode {
  hostname: string;
  role: string;
  status: { state: string };
  managerStatus: { memberId: string } | null;
}

export interface MembershipRaft {
  leader: string | null;
  members: readonly { id: string; role: string; reachable: boolean }[];
}

export interface MembershipVerdict {
  /** Why the action cannot be done (the manager would refuse it); the button stays disabled. */
  blocked?: string;
  /** What the person should know before confirming: quorum and fault tolerance. */
  warning?: string;
  /** removeNode needs force for a READY node. */
  force?: boolean;
}

const quorum = (voters: number): number => Math.floor(voters / 2) + 1;
const tolerated = (voters: number): number => Math.max(0, voters - quorum(voters));
const managers = (n: number): string => `${n} manager${n === 1 ? '' : 's'}`;

export function membershipVerdict(action: MembershipAction, node: MembershipNode, raft: MembershipRaft): MembershipVerdict {
  const voters = raft.members.filter((m) => m.role !== 'LEARNER');
  const memberId = node.managerStatus?.memberId;
  const isVoter = memberId !== undefined && voters.some((m) => m.id === memberId);
  switch (action) {
    case 'promote': {
      if (node.role === 'MANAGER') return { blocked: `${node.hostname} is already a manager.` };
      if (node.status.state !== 'READY') return { blocked: `${node.hostname} is ${node.status.state}: only a ready node can be promoted.` };
      const after = voters.length + 1;
      if (tolerated(after) <= tolerated(voters.length))
        return {
          warning: `With ${managers(after)}, writes need ${quorum(after)} of them: the cluster still tolerates the loss of ${tolerated(after)}, and one more manager must now be up. An odd number of managers (3 or 5) is best.`,
        };
      return { warning: `With ${managers(after)}, the cluster tolerates the loss of ${tolerated(after)}.` };
    }
    case 'demote': {
      if (!isVoter) return { blocked: `${node.hostname} is not a manager.` };
      if (voters.length === 1) return { blocked: `${node.hostname} runs the last manager: promote another node first.` };
      const left = voters.filter((m) => m.id !== memberId);
      const reachable = left.filter((m) => m.reachable).length;
      if (reachable < quorum(left.length))
        return {
          blocked: `Demoting ${node.hostname} would leave ${reachable} reachable of ${managers(left.length)}, fewer than the ${quorum(left.length)} needed: the cluster would stop accepting writes.`,
        };
      const handOver = memberId === raft.leader ? `${node.hostname} runs the leader: leadership is handed to another manager first. ` : '';
      return {
        warning:
          handOver +
          (tolerated(left.length) === 0
            ? `${managers(left.length)} will be left: losing ${left.length === 1 ? 'it' : 'any one of them'} stops the cluster.`
            : `${managers(left.length)} will be left; the cluster tolerates the loss of ${tolerated(left.length)}.`),
      };
    }
    case 'remove':
      if (isVoter) return { blocked: `${node.hostname} is a manager: demote it first.` };
      if (node.status.state === 'READY')
        return {
          force: true,
          warning: `${node.hostname} is ready: removing it anyway turns its agent away (it exits), and its tasks are replaced on other nodes. Its containers keep running until removed by hand.`,
        };
      return { warning: `Its tasks are replaced on other nodes; its agent can no longer connect.` };
  }
}
