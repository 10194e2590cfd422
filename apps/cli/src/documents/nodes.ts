import { graphql } from '@shoal/sdk';

/** The GraphQL documents of `shoal node …`: typed from the schema by the SDK. */

export const NODE_FIELDS = graphql(`
  fragment CliNode on Node {
    id
    hostname
    role
    desiredRole
    roleMessage
    availability
    version
    labels {
      key
      value
    }
    status {
      state
      addr
      message
      timestamp
    }
    managerStatus {
      memberId
      address
      voter
      leader
      reachable
    }
    description {
      hostname
      os
      arch
      cpus
      memoryBytes
      engineVersion
      labels {
        key
        value
      }
    }
    createdAt
    updatedAt
  }
`);

export const NODE_BY_ID = graphql(
  `
    query CliNodeById($id: ID!) {
      node(id: $id) {
        ...CliNode
      }
    }
  `,
  [NODE_FIELDS],
);

export const NODES_PAGE = graphql(
  `
    query CliNodes($first: Int, $after: String, $filter: NodeFilterInput) {
      nodes(first: $first, after: $after, filter: $filter) {
        items {
          ...CliNode
        }
        nextCursor
      }
    }
  `,
  [NODE_FIELDS],
);

export const NODE_ROLE = graphql(`
  query CliNodeRole($id: ID!) {
    node(id: $id) {
      role
      roleMessage
    }
  }
`);

export const UPDATE_NODE = graphql(`
  mutation CliUpdateNode($id: ID!, $input: UpdateNodeInput!, $version: Int!) {
    updateNode(id: $id, input: $input, version: $version) {
      id
    }
  }
`);

export const REMOVE_NODE = graphql(`
  mutation CliRemoveNode($id: ID!, $force: Boolean!) {
    removeNode(id: $id, force: $force)
  }
`);

export const PROMOTE_NODE = graphql(`
  mutation CliPromoteNode($id: ID!) {
    promoteNode(id: $id) {
      id
    }
  }
`);

export const DEMOTE_NODE = graphql(`
  mutation CliDemoteNode($id: ID!) {
    demoteNode(id: $id) {
      id
    }
  }
`);
