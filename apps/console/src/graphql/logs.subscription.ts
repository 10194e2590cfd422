import { graphql } from './graphql';

export const ServiceLogsSubscription = graphql(`
  subscription ServiceLogs($service: ID!, $follow: Boolean, $tail: Int, $since: String) {
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
