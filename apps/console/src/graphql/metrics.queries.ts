import { graphql } from './graphql';

const SAMPLE = graphql(`
  fragment UsageSample on MetricSample {
    cpuPercent
    memoryUsedBytes
    memoryTotalBytes
    nodeCount
    sampledAt
  }
`);

/** CPU and memory over time, for the cluster and each node (polled by the usage card). */
export const UsageQuery = graphql(
  `
    query Usage($since: String) {
      clusterMetrics(since: $since) {
        status
        samples {
          ...UsageSample
        }
      }
      nodes(first: 100) {
        items {
          id
          hostname
          usage {
            ...UsageSample
          }
          metrics(since: $since) {
            ...UsageSample
          }
        }
      }
    }
  `,
  [SAMPLE],
);
