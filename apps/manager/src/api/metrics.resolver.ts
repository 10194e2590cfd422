import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../auth/allow.decorator';
import { MetricsService } from '../metrics/metrics.service';
import { sinceMs } from './metrics-since';
import { ClusterModel } from './models/cluster.model';
import { ClusterMetricsModel, MetricSampleModel, MetricsStatusEnum } from './models/metrics.model';
import { NodeModel } from './models/node.model';

/** Cluster-wide CPU and memory: the latest sample and the history. */
@Resolver(() => ClusterModel)
export class ClusterMetricsResolver {
  constructor(private readonly metrics: MetricsService) {}

  @Allow('VIEWER')
  @Query(() => ClusterMetricsModel, {
    description: 'Cluster-wide CPU and memory use since `since` (ISO time within the retention; default the last 15 minutes).',
  })
  async clusterMetrics(@Args('since', { type: () => String, nullable: true }) since?: string | null): Promise<ClusterMetricsModel> {
    const from = sinceMs(since, this.metrics.retentionSeconds);
    const h = await this.metrics.clusterHistory(from);
    return { status: MetricsStatusEnum[h.status], retentionSeconds: this.metrics.retentionSeconds, samples: h.samples };
  }

  @ResolveField(() => MetricSampleModel, { nullable: true, description: 'The latest cluster-wide CPU and memory use; null before any.' })
  usage(): Promise<MetricSampleModel | null> {
    return this.metrics.clusterUsage();
  }
}

/** A node's CPU and memory: the latest sample and the history. */
@Resolver(() => NodeModel)
export class NodeMetricsResolver {
  constructor(private readonly metricsService: MetricsService) {}

  @ResolveField(() => MetricSampleModel, { nullable: true, description: "The node's latest CPU and memory use; null before its agent sent any." })
  usage(@Parent() n: NodeModel): Promise<MetricSampleModel | null> {
    return this.metricsService.nodeUsage(n.id);
  }

  @ResolveField(() => [MetricSampleModel], {
    description:
      "The node's samples since `since` (ISO time within the retention; default the last 15 minutes), oldest first; empty while metrics are UNAVAILABLE.",
  })
  async metrics(@Parent() n: NodeModel, @Args('since', { type: () => String, nullable: true }) since?: string | null): Promise<MetricSampleModel[]> {
    return (await this.metricsService.nodeHistory(n.id, sinceMs(since, this.metricsService.retentionSeconds))).samples;
  }
}
