import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ClusterSettings')
export class ClusterSettingsModel {
  @Field(() => Int, { description: 'How often agents send a heartbeat.' }) heartbeatPeriodMs!: number;
  @Field(() => Int, { description: 'A node is marked down after this many periods without a heartbeat.' }) heartbeatGrace!: number;
  @Field(() => Int, { description: 'Finished tasks kept per slot.' }) taskHistoryLimit!: number;
  @Field(() => Int, { description: 'Delay before a failed task is replaced; doubles with each consecutive failure of its slot, up to 64 times.' })
  restartDelayMs!: number;
}

@ObjectType('JoinTokens')
export class JoinTokensModel {
  @Field({ description: 'Give it to an agent as SHOAL_JOIN_TOKEN to add a worker node.' }) worker!: string;
  @Field({ description: 'Give it to a new manager as SHOAL_JOIN_TOKEN, with SHOAL_RAFT_JOIN, to add it to the managers.' }) manager!: string;
}

@ObjectType('Cluster')
export class ClusterModel {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field() name!: string;
  @Field() createdAt!: string;
  @Field(() => ClusterSettingsModel) settings!: ClusterSettingsModel;
  /** Resolved by ClusterResolver.joinTokens: admins only. */
  joinTokens?: JoinTokensModel;
  @Field({ description: "Where agents and managers reach this manager: its advertised cluster address (SHOAL_CLUSTER_ADVERTISE_ADDR, else the listener's)." })
  clusterAddr!: string;
  @Field(() => Int, { description: 'Index of the last applied state change.' }) appliedIndex!: number;
}
