import { graphql } from './graphql';

/** What the rolling-update view shows; its own query so the service page's stays as it is. */
export const ServiceRolloutQuery = graphql(`
  query ServiceRollout($id: ID!) {
    service(id: $id) {
      id
      previousSpec {
        image
      }
      spec {
        updateConfig {
          maxFailureRatio
          failureAction
        }
        rollbackConfig {
          maxFailureRatio
          failureAction
        }
      }
      updateStatus {
        state
        message
        startedAt
        completedAt
        progress {
          updated
          total
        }
        failures
        failuresAllowed
        monitorUntil
        slots {
          slot
          state
          taskId
          nodeId
        }
      }
    }
  }
`);

export const RollbackServiceMutation = graphql(`
  mutation RollbackService($id: ID!) {
    rollbackService(id: $id) {
      id
      version
    }
  }
`);
