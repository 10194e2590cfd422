import { graphql } from './graphql';

export const EventsSubscription = graphql(`
  subscription Events($after: String) {
    events(after: $after) {
      id
      index
      cursor
      at
      action
      kind
      node {
        hostname
        availability
        status {
          state
        }
      }
      service {
        name
        replicas
      }
      task {
        slot
        serviceName
        desiredState
        status {
          state
          message
        }
      }
    }
  }
`);
