import { graphql } from './graphql';

export const NodesQuery = graphql(`
  query Nodes($first: Int, $after: String) {
    nodes(first: $first, after: $after) {
      totalCount
      nextCursor
      items {
        id
        hostname
        role
        availability
        version
        status {
          state
          addr
        }
        description {
          engineVersion
          os
          arch
          cpus
          memoryBytes
        }
        labels {
          key
          value
        }
      }
    }
  }
`);

export const NodeQuery = graphql(`
  query Node($id: ID!) {
    node(id: $id) {
      id
      hostname
      role
      availability
      version
      createdAt
      status {
        state
        addr
        message
        timestamp
      }
      description {
        engineVersion
        os
        arch
        cpus
        memoryBytes
        labels {
          key
          value
        }
        engineLabels {
          key
          value
        }
      }
      labels {
        key
        value
      }
    }
  }
`);

export const SetNodeAvailabilityMutation = graphql(`
  mutation SetNodeAvailability($id: ID!, $version: Int!, $availability: NodeAvailability!) {
    updateNode(id: $id, version: $version, input: { availability: $availability }) {
      id
      availability
      version
    }
  }
`);

export const SetNodeLabelsMutation = graphql(`
  mutation SetNodeLabels($id: ID!, $version: Int!, $labels: [KeyValueInput!]!) {
    updateNode(id: $id, version: $version, input: { labels: $labels }) {
      id
      version
      labels {
        key
        value
      }
    }
  }
`);

/** The tasks on a node, a page at a time. */
export const NodeTasksQuery = graphql(`
  query NodeTasks($nodeId: ID!, $first: Int, $after: String) {
    tasks(first: $first, after: $after, filter: { nodeId: $nodeId }) {
      items {
        id
        slot
        serviceId
        serviceName
        desiredState
        status {
          state
          message
          err
        }
      }
      nextCursor
      totalCount
    }
  }
`);
