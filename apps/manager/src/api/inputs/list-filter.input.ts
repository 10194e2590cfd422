import { Field, InputType } from '@nestjs/graphql';
import { NodeAvailabilityEnum, NodeRoleEnum, NodeStateEnum } from '../models/node.model';
import { ServiceModeEnum } from '../models/service-mode.model';
import { UpdateStateEnum } from '../models/update.model';

@InputType({ description: 'Every field given must match.' })
export class ServiceFilterInput {
  @Field({ nullable: true, description: 'Part of the name, any case.' }) nameContains?: string;
  @Field(() => ServiceModeEnum, { nullable: true }) mode?: ServiceModeEnum;
  @Field(() => UpdateStateEnum, { nullable: true, description: 'State of the last rolling update or rollback.' }) updateState?: UpdateStateEnum;
  @Field({ nullable: true, description: 'true: runningReplicas equals desiredTasks; false: it does not.' }) converged?: boolean;
}

@InputType({ description: 'Every field given must match.' })
export class NodeFilterInput {
  @Field(() => NodeRoleEnum, { nullable: true }) role?: NodeRoleEnum;
  @Field(() => NodeAvailabilityEnum, { nullable: true }) availability?: NodeAvailabilityEnum;
  @Field(() => NodeStateEnum, { nullable: true, description: 'status.state.' }) state?: NodeStateEnum;
  @Field({ nullable: true, description: 'Part of the hostname, any case.' }) hostnameContains?: string;
}
