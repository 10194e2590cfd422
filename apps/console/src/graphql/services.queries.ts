import { graphql } from './graphql';

export const ServicesQuery = graphql(`
  query Services {
    services {
      id
      name
      image
      replicas
      runningReplicas
      updatedAt
    }
  }
`);

export const ServiceQuery = graphql(`
  query Service($id: ID!) {
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
      tasks {
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
