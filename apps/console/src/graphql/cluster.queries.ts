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
    nodes(first: 500) {
      totalCount
      items {
        id
        role
        availability
        status {
          state
        }
        description {
          hostname
          cpus
          memoryBytes
        }
        reserved {
          nanoCpus
          memoryBytes
        }
      }
    }
    converged: services(first: 1, filter: { converged: true }) {
      totalCount
    }
    behind: services(first: 5, filter: { converged: false }) {
      totalCount
      items {
        id
        name
        replicas
        desiredTasks
        runningReplicas
      }
    }
    new: tasks(first: 1, filter: { desiredState: RUNNING, state: NEW }) {
      totalCount
    }
    pending: tasks(first: 1, filter: { desiredState: RUNNING, state: PENDING }) {
      totalCount
    }
    assigned: tasks(first: 1, filter: { desiredState: RUNNING, state: ASSIGNED }) {
      totalCount
    }
    accepted: tasks(first: 1, filter: { desiredState: RUNNING, state: ACCEPTED }) {
      totalCount
    }
    preparing: tasks(first: 1, filter: { desiredState: RUNNING, state: PREPARING }) {
      totalCount
    }
    starting: tasks(first: 1, filter: { desiredState: RUNNING, state: STARTING }) {
      totalCount
    }
    running: tasks(first: 1, filter: { desiredState: RUNNING, state: RUNNING }) {
      totalCount
    }
    complete: tasks(first: 1, filter: { desiredState: RUNNING, state: COMPLETE }) {
      totalCount
    }
    shutdown: tasks(first: 1, filter: { desiredState: RUNNING, state: SHUTDOWN }) {
      totalCount
    }
    failed: tasks(first: 1, filter: { desiredState: RUNNING, state: FAILED }) {
      totalCount
    }
    rejected: tasks(first: 1, filter: { desiredState: RUNNING, state: REJECTED }) {
      totalCount
    }
    orphaned: tasks(first: 1, filter: { desiredState: RUNNING, state: ORPHANED }) {
      totalCount
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
