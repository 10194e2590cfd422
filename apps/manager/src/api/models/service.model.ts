import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ServiceObject, ServiceSpec } from '../../store/objects';
import { KeyValue, toKeyValues } from './common.model';
import {
  ContainerOptionsModel,
  HealthCheckModel,
  RestartPolicyModel,
  toContainerOptionsModel,
  toHealthCheckModel,
  toRestartPolicyModel,
} from './container-options.model';
import { JobConfigModel } from './job.model';
import { ServiceModeEnum } from './service-mode.model';
import { PlacementModel, ResourcesModel, toPlacementModel, toResourcesModel } from './placement.model';
import { UpdateConfigModel, toUpdateConfigModel } from './update.model';

@ObjectType('PortConfig')
export class PortConfigModel {
  @Field(() => Int, { description: 'Port inside the container.' }) target!: number;
  @Field(() => Int, { nullable: true, description: 'Port published on the node (host mode); null lets the engine choose.' }) published?: number;
  @Field({ description: 'tcp, udp or sctp.' }) protocol!: string;
}

@ObjectType('ServiceSpec')
export class ServiceSpecModel {
  @Field() name!: string;
  @Field() image!: string;
  @Field(() => ServiceModeEnum) mode!: ServiceModeEnum;
  @Field(() => Int, { description: 'Desired number of replicas; 0 in the other modes.' }) replicas!: number;
  @Field(() => JobConfigModel, { nullable: true, description: 'REPLICATED_JOB only.' }) job?: JobConfigModel;
  @Field(() => [String], { nullable: true, description: "Replaces the image's ENTRYPOINT." }) command?: string[];
  @Field(() => [String], { nullable: true, description: "Replaces the image's CMD." }) args?: string[];
  @Field(() => [String], { description: 'KEY=VALUE pairs.' }) env!: string[];
  @Field(() => [KeyValue]) labels!: KeyValue[];
  @Field(() => [PortConfigModel]) ports!: PortConfigModel[];
  @Field(() => ContainerOptionsModel) container!: ContainerOptionsModel;
  @Field(() => HealthCheckModel, { nullable: true, description: "Null: the image's HEALTHCHECK, if any." }) healthCheck?: HealthCheckModel;
  @Field(() => RestartPolicyModel) restartPolicy!: RestartPolicyModel;
  @Field(() => PlacementModel) placement!: PlacementModel;
  @Field(() => ResourcesModel) resources!: ResourcesModel;
  @Field(() => UpdateConfigModel) updateConfig!: UpdateConfigModel;
  @Field(() => UpdateConfigModel) rollbackConfig!: UpdateConfigModel;
  @Field(() => Int, { description: 'Raised by each updateService(force: true); 0 when never forced.' }) forceUpdate!: number;
}

@ObjectType('Service')
export class ServiceModel {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'Pass it back to updateService; it moves on every change.' }) version!: number;
  @Field() createdAt!: string;
  @Field() updatedAt!: string;
  @Field() name!: string;
  @Field() image!: string;
  @Field(() => ServiceModeEnum) mode!: ServiceModeEnum;
  @Field(() => Int, { description: 'Desired replicas; 0 in the other modes (see desiredTasks).' }) replicas!: number;
  @Field(() => ServiceSpecModel) spec!: ServiceSpecModel;
  @Field(() => ServiceSpecModel, { nullable: true, description: 'The spec before the last update.' }) previousSpec?: ServiceSpecModel;
}

export function toSpecModel(spec: ServiceSpec): ServiceSpecModel {
  return {
    name: spec.name,
    image: spec.image,
    mode: (spec.mode ?? 'REPLICATED') as ServiceModeEnum,
    replicas: spec.replicas,
    job: spec.job ? { ...spec.job } : undefined,
    command: spec.command,
    args: spec.args,
    env: spec.env ?? [],
    labels: toKeyValues(spec.labels),
    ports: (spec.ports ?? []).map((p) => ({ ...p })),
    container: toContainerOptionsModel(spec.container),
    healthCheck: toHealthCheckModel(spec.healthCheck),
    restartPolicy: toRestartPolicyModel(spec.restartPolicy),
    placement: toPlacementModel(spec.placement),
    resources: toResourcesModel(spec.resources),
    updateConfig: toUpdateConfigModel(spec.updateConfig),
    rollbackConfig: toUpdateConfigModel(spec.rollbackConfig),
    forceUpdate: spec.forceUpdate ?? 0,
  };
}

export function toServiceModel(s: ServiceObject): ServiceModel {
  return {
    id: s.id,
    version: s.version,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    name: s.spec.name,
    image: s.spec.image,
    mode: (s.spec.mode ?? 'REPLICATED') as ServiceModeEnum,
    replicas: s.spec.replicas,
    spec: toSpecModel(s.spec),
    previousSpec: s.previousSpec ? toSpecModel(s.previousSpec) : undefined,
  };
}
