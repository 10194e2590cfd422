import { Field, InputType, Int } from '@nestjs/graphql';

@InputType({ description: 'Cluster settings to change; those left out keep their value.' })
export class ClusterSettingsInput {
  @Field(() => Int, { nullable: true, description: 'Finished tasks kept per slot (1-100); older ones are reaped.' }) taskHistoryLimit?: number;
  @Field(() => Int, { nullable: true, description: 'Default delay before a failed task is replaced (0-3600000), doubled per consecutive failure.' })
  restartDelayMs?: number;
}
