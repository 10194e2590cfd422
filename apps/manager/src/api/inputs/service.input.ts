import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { DesiredState, TaskState } from '@shoal/protocol';
import { KeyValueInput } from '../models/common.model';
import { ServiceModeEnum } from '../models/service-mode.model';
import { JobInput } from './job.input';
import { ResolveImageEnum } from './resolve-image.input';
import { ContainerOptionsInput } from './container-options.input';
import { HealthCheckInput } from './health-check.input';
import { RestartPolicyInput } from './restart-policy.input';
import { PlacementInput, ResourcesInput } from './placement.input';
import { UpdateConfigInput } from './update-config.input';

@InputType()
export class PortConfigInput {
  @Field(() => Int, { description: 'Port inside the container (1-65535).' }) target!: number;
  @Field(() => Int, { nullable: true, description: 'Port on the node (1-65535); leave out to let the engine choose.' }) published?: number;
  @Field({ defaultValue: 'tcp', description: 'tcp, udp or sctp.' }) protocol!: string;
}

@InputType()
export class CreateServiceInput {
  @Field() name!: string;
  @Field({ description: 'Image reference, e.g. "nginx:1.27" or "127.0.0.1:5000/app@sha256:…"; pinned to its digest as resolveImage says.' }) image!: string;
  @Field(() => ResolveImageEnum, { defaultValue: ResolveImageEnum.CHANGED }) resolveImage!: ResolveImageEnum;
  @Field(() => ServiceModeEnum, { defaultValue: ServiceModeEnum.REPLICATED, description: 'Fixed once the service exists.' }) mode!: ServiceModeEnum;
  @Field(() => Int, { nullable: true, description: 'REPLICATED only (1 when left out); refused in the other modes.' }) replicas?: number;
  @Field(() => JobInput, { nullable: true, description: 'REPLICATED_JOB only (maxConcurrent 1 when left out).' }) job?: JobInput;
  @Field(() => [String], { nullable: true }) command?: string[];
  @Field(() => [String], { nullable: true }) args?: string[];
  @Field(() => [String], { nullable: true }) env?: string[];
  @Field(() => [KeyValueInput], { nullable: true }) labels?: KeyValueInput[];
  @Field(() => [PortConfigInput], { nullable: true }) ports?: PortConfigInput[];
  @Field(() => ContainerOptionsInput, { nullable: true }) container?: ContainerOptionsInput;
  @Field(() => HealthCheckInput, { nullable: true }) healthCheck?: HealthCheckInput;
  @Field(() => RestartPolicyInput, { nullable: true }) restartPolicy?: RestartPolicyInput;
  @Field(() => PlacementInput, { nullable: true }) placement?: PlacementInput;
  @Field(() => ResourcesInput, { nullable: true }) resources?: ResourcesInput;
  @Field(() => UpdateConfigInput, { nullable: true }) updateConfig?: UpdateConfigInput;
  @Field(() => UpdateConfigInput, { nullable: true, description: 'failureAction ROLLBACK is refused here.' }) rollbackConfig?: UpdateConfigInput;
}

@InputType({
  description:
    'Fields left out keep their value; a list or an object (container, healthCheck, restartPolicy, placement, resources) given replaces the whole one.',
})
export class UpdateServiceInput {
  @Field({ nullable: true, description: 'Pinned to its digest as resolveImage says.' }) image?: string;
  @Field(() => ResolveImageEnum, { defaultValue: ResolveImageEnum.CHANGED, description: 'previewServiceUpdate asks no registry: it shows the image as given.' })
  resolveImage!: ResolveImageEnum;
  @Field({
    defaultValue: false,
    description: 'Replace every task even if nothing else changes (docker service update --force), through the rolling update: raises spec.forceUpdate.',
  })
  force!: boolean;
  @Field(() => Int, { nullable: true }) replicas?: number;
  @Field(() => JobInput, {
    nullable: true,
    description: 'REPLICATED_JOB only: more totalCompletions runs the new slots, fewer drops the slots above it; neither re-runs done slots.',
  })
  job?: JobInput;
  @Field(() => [String], { nullable: true }) command?: string[];
  @Field(() => [String], { nullable: true }) args?: string[];
  @Field(() => [String], { nullable: true }) env?: string[];
  @Field(() => [KeyValueInput], { nullable: true }) labels?: KeyValueInput[];
  @Field(() => [PortConfigInput], { nullable: true }) ports?: PortConfigInput[];
  @Field(() => ContainerOptionsInput, { nullable: true }) container?: ContainerOptionsInput;
  @Field(() => HealthCheckInput, { nullable: true }) healthCheck?: HealthCheckInput;
  @Field(() => RestartPolicyInput, { nullable: true }) restartPolicy?: RestartPolicyInput;
  @Field(() => PlacementInput, { nullable: true }) placement?: PlacementInput;
  @Field(() => ResourcesInput, { nullable: true }) resources?: ResourcesInput;
  @Field(() => UpdateConfigInput, { nullable: true }) updateConfig?: UpdateConfigInput;
  @Field(() => UpdateConfigInput, { nullable: true, description: 'failureAction ROLLBACK is refused here.' }) rollbackConfig?: UpdateConfigInput;
}

@InputType()
export class TaskFilterInput {
  @Field(() => ID, { nullable: true }) serviceId?: string;
  @Field(() => ID, { nullable: true }) nodeId?: string;
  @Field(() => DesiredState, { nullable: true }) desiredState?: DesiredState;
  @Field(() => TaskState, { nullable: true, description: 'status.state.' }) state?: TaskState;
  @Field(() => Int, { nullable: true }) slot?: number;
}
