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
    }
    tasks {
      id
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
