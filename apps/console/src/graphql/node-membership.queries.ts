import { graphql } from './graphql';

/** What promote / demote / remove are judged by: the node's manager and Raft's members. */
export const NodeMembershipQuery = graphql(`
  query NodeMembership($id: ID!) {
    node(id: $id) {
      id
      hostname
      role
      desiredRole
      roleMessage
      status {
        state
      }
      managerStatus {
        memberId
        voter
        leader
        reachable
      }
    }
    cluster {
      raft {
        leader
        members {
          id
          role
          reachable
        }
      }
    }
  }
`);

export const PromoteNodeMutation = graphql(`
  mutation PromoteNode($id: ID!) {
    promoteNode(id: $id) {
      id
      role
      desiredRole
      roleMessage
    }
  }
`);

export const DemoteNodeMutation = graphql(`
  mutation DemoteNode($id: ID!) {
    demoteNode(id: $id) {
      id
      role
      desiredRole
      roleMessage
    }
  }
`);

export const RemoveNodeMutation = graphql(`
  mutation RemoveNode($id: ID!, $force: Boolean!) {
    removeNode(id: $id, force: $force)
  }
`);
