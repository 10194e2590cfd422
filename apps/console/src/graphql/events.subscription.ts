import { graphql } from './graphql';

export const EventsSubscription = graphql(`
  subscription Events {
    events {
      id
      index
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
