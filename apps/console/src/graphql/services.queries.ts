import { graphql } from './graphql';

export const ServicesQuery = graphql(`
  query Services($first: Int, $after: String, $filter: ServiceFilterInput) {
    services(first: $first, after: $after, filter: $filter) {
      items {
        id
        name
        image
        mode
        desiredTasks
        runningReplicas
        updatedAt
      }
      nextCursor
      totalCount
    }
  }
`);

export const ServiceQuery = graphql(`
  query Service($id: ID!) {
    pendingTasks: tasks(first: 1, filter: { serviceId: $id, desiredState: RUNNING, state: PENDING }) {
      totalCount
    }
    service(id: $id) {
      id
      name
      version
      replicas
      runningReplicas
      createdAt
      updatedAt
      spec {
        image
        mode
        job {
          maxConcurrent
          totalCompletions
        }
        command
        args
        env
        labels {
          key
          value
        }
        ports {
          target
          published
          protocol
        }
        placement {
          constraints
          preferences {
            spread
          }
          maxReplicasPerNode
          strategy
        }
        resources {
          reservations {
            nanoCpus
            memoryBytes
          }
          limits {
            nanoCpus
            memoryBytes
            pids
          }
        }
      }
      placement {
        summary
        nodes {
          nodeId
          hostname
          eligible
          reasons
        }
      }
    }
  }
`);

export const CreateServiceMutation = graphql(`
  mutation CreateService($input: CreateServiceInput!) {
    createService(input: $input) {
      id
      name
    }
  }
`);

export const ScaleServiceMutation = graphql(`
  mutation ScaleService($id: ID!, $replicas: Int!) {
    scaleService(id: $id, replicas: $replicas) {
      id
      replicas
    }
  }
`);

export const RemoveServiceMutation = graphql(`
  mutation RemoveService($id: ID!) {
    removeService(id: $id)
  }
`);

export const UpdateServiceMutation = graphql(`
  mutation UpdateService($id: ID!, $version: Int!, $input: UpdateServiceInput!) {
    updateService(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

/** A service's tasks, a page at a time (slot by slot, newest first in a slot). */
export const ServiceTasksQuery = graphql(`
  query ServiceTasks($id: ID!, $first: Int, $after: String) {
    tasks(first: $first, after: $after, filter: { serviceId: $id }) {
      items {
        id
        slot
        desiredState
        createdAt
        node {
          id
          hostname
        }
        status {
          state
          message
          err
          exitCode
          timestamp
        }
      }
      nextCursor
      totalCount
    }
  }
`);
