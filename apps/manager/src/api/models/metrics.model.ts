import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum MetricsStatusEnum {
  AVAILABLE = 'AVAILABLE',
  UNAVAILABLE = 'UNAVAILABLE',
}
registerEnumType(MetricsStatusEnum, {
  name: 'MetricsStatus',
  description: 'UNAVAILABLE: Redis, which keeps the history, cannot be reached; the history reads empty until it is back (the cluster itself goes on).',
});

@ObjectType('MetricSample', {
  description: "CPU and memory use of a node (as its agent measured it) or of the whole cluster (the sum of its ready nodes' latest samples).",
})
export class MetricSampleModel {
  @Field(() => Float, { description: 'Share of all CPUs busy, 0–100.' }) cpuPercent!: number;
  @Field(() => Float) memoryUsedBytes!: number;
  @Field(() => Float) memoryTotalBytes!: number;
  @Field(() => Int, { description: 'CPUs the percentage is taken over.' }) cpus!: number;
  @Field(() => Int, { description: 'Nodes the sample covers (1 for a node).' }) nodeCount!: number;
  @Field({ description: "When the leader received the node's sample (or made the cluster sample): one clock for all series." }) sampledAt!: string;
}

@ObjectType('ClusterMetrics')
export class ClusterMetricsModel {
  @Field(() => MetricsStatusEnum) status!: MetricsStatusEnum;
  @Field(() => Int, { description: 'How long samples are kept (SHOAL_METRICS_RETENTION_S).' }) retentionSeconds!: number;
  @Field(() => [MetricSampleModel], { description: 'Cluster-wide samples since `since`, oldest first.' }) samples!: MetricSampleModel[];
}
