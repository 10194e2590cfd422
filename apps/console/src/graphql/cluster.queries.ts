import { graphql } from './graphql';

export const DashboardQuery = graphql(`
  query Dashboard {
    cluster {
      name
      raft {
        leader
        term
        members {
          id
          address
          role
          reachable
        }
      }
    }
    nodes {
      id
      hostname
      role
      availability
      status {
        state
      }
      description {
        cpus
        memoryBytes
      }
    }
    services {
      id
      name
      replicas
      runningReplicas
      spec {
        resources {
          reservations {
            nanoCpus
            memoryBytes
          }
        }
      }
    }
    tasks {
      id
      serviceId
      nodeId
      desiredState
      status {
        state
      }
    }
  }
`);

/** The cheapest authenticated query: used to check a token at login. */
export const WhoAmIQuery = graphql(`
  query WhoAmI {
    cluster {
      name
    }
  }
`);

export const SettingsQuery = graphql(`
  query Settings {
    cluster {
      id
      name
      createdAt
      clusterAddr
      settings {
        heartbeatPeriodMs
        heartbeatGrace
        restartDelayMs
        taskHistoryLimit
      }
      raft {
        id
        term
        leader
        commitIndex
        appliedIndex
        members {
          id
          address
          role
          reachable
          matchIndex
        }
      }
    }
  }
`);

/** Secrets, admins only: asked for separately so other roles still get the rest of the settings. */
export const JoinTokensQuery = graphql(`
  query JoinTokens {
    cluster {
      clusterAddr
      joinTokens {
        worker
      }
    }
  }
`);

export const UpdateClusterSettingsMutation = graphql(`
  mutation UpdateClusterSettings($input: ClusterSettingsInput!) {
    updateClusterSettings(input: $input) {
      id
      settings {
        heartbeatPeriodMs
        heartbeatGrace
        restartDelayMs
        taskHistoryLimit
      }
    }
  }
`);
