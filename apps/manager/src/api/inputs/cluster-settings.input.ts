import { Field, InputType, Int } from '@nestjs/graphql';

@InputType({ description: 'Cluster settings to change; those left out keep their value.' })
export class ClusterSettingsInput {
  @Field(() => Int, {
    nullable: true,
    description: 'How often agents send a heartbeat (100-60000 ms); connected agents switch to it at once.',
  })
  heartbeatPeriodMs?: number;
  @Field(() => Int, { nullable: true, description: 'A node is marked DOWN after this many periods without a heartbeat (2-100).' })
  heartbeatGrace?: number;
  @Field(() => Int, { nullable: true, description: 'Finished tasks kept per slot (1-100); older ones are reaped.' }) taskHistoryLimit?: number;
  @Field(() => Int, { nullable: true, description: 'Default delay before a failed task is replaced (0-3600000), doubled per consecutive failure.' })
  restartDelayMs?: number;
}
