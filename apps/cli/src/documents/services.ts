import { graphql } from '@shoal/sdk';

/** The GraphQL documents of `shoal service …`: typed from the schema by the SDK. */

export const SERVICE_FIELDS = graphql(`
  fragment CliService on Service {
    id
    name
    image
    replicas
    runningReplicas
    version
    createdAt
    updatedAt
    spec {
      name
      image
      mode
      replicas
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
        protocol
        published
        target
      }
      placement {
        constraints
        maxReplicasPerNode
        strategy
        preferences {
          spread
        }
      }
      resources {
        limits {
          nanoCpus
          memoryBytes
          pids
        }
        reservations {
          nanoCpus
          memoryBytes
        }
      }
      forceUpdate
    }
  }
`);

export const SERVICE_BY_NAME_OR_ID = graphql(
  `
    query CliServiceByNameOrId($name: String, $id: ID) {
      byName: service(name: $name) {
        ...CliService
      }
      byId: service(id: $id) {
        ...CliService
      }
    }
  `,
  [SERVICE_FIELDS],
);

export const SERVICES_PAGE = graphql(`
  query CliServices($first: Int, $after: String) {
    services(first: $first, after: $after) {
      items {
        id
        name
        image
        mode
        replicas
        runningReplicas
        desiredTasks
        jobProgress {
          completed
          total
        }
      }
      nextCursor
    }
  }
`);

export const SERVICE_TASKS_PAGE = graphql(`
  query CliServiceTasks($id: ID!, $first: Int, $after: String) {
    tasks(first: $first, after: $after, filter: { serviceId: $id }) {
      items {
        id
        serviceName
        slot
        nodeId
        node {
          hostname
        }
        image
        desiredState
        status {
          state
          message
          err
        }
      }
      nextCursor
    }
  }
`);

export const RUNNING_TASKS_PAGE = graphql(`
  query CliRunningTasks($id: ID!, $first: Int, $after: String) {
    tasks(first: $first, after: $after, filter: { serviceId: $id, desiredState: RUNNING }) {
      items {
        id
        slot
        desiredState
        status {
          state
          message
          err
        }
      }
      nextCursor
    }
  }
`);

export const CONVERGENCE = graphql(`
  query CliConvergence($id: ID!) {
    service(id: $id) {
      desiredTasks
      jobProgress {
        completed
        total
      }
    }
  }
`);

export const CREATE_SERVICE = graphql(`
  mutation CliCreateService($input: CreateServiceInput!) {
    createService(input: $input) {
      id
      name
      spec {
        image
      }
    }
  }
`);

export const SCALE_SERVICE = graphql(`
  mutation CliScaleService($id: ID!, $replicas: Int!) {
    scaleService(id: $id, replicas: $replicas) {
      id
    }
  }
`);

export const UPDATE_SERVICE = graphql(`
  mutation CliUpdateService($id: ID!, $input: UpdateServiceInput!, $version: Int!) {
    updateService(id: $id, input: $input, version: $version) {
      id
      spec {
        image
      }
    }
  }
`);

export const REMOVE_SERVICE = graphql(`
  mutation CliRemoveService($id: ID!) {
    removeService(id: $id)
  }
`);

export const ROLLBACK_SERVICE = graphql(`
  mutation CliRollbackService($id: ID!) {
    rollbackService(id: $id) {
      updateStatus {
        message
      }
    }
  }
`);

export const SERVICE_NAME = graphql(`
  query CliServiceName($name: String, $id: ID) {
    byName: service(name: $name) {
      name
    }
    byId: service(id: $id) {
      name
    }
  }
`);

export const SERVICE_LOGS = graphql(`
  subscription CliServiceLogs($service: ID!, $follow: Boolean, $tail: Int, $since: String) {
    serviceLogs(service: $service, follow: $follow, tail: $tail, since: $since) {
      skipped
      lines {
        taskId
        slot
        nodeId
        hostname
        stream
        timestamp
        text
      }
    }
  }
`);
