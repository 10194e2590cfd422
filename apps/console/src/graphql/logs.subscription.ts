import { graphql } from './graphql';

export const ServiceLogsSubscription = graphql(`
  subscription ServiceLogs($service: ID!, $follow: Boolean, $tail: Int) {
    serviceLogs(service: $service, follow: $follow, tail: $tail) {
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
