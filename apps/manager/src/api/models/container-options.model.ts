import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { ContainerOptions, HealthCheck } from '@shoal/protocol';
import type { RestartPolicy } from '../../store/objects';
import { KeyValue, toKeyValues } from './common.model';

@ObjectType('Mount')
export class MountModel {
  @Field({ description: 'bind, volume or tmpfs.' }) type!: string;
  @Field({ nullable: true }) source?: string;
  @Field() target!: string;
  @Field() readOnly!: boolean;
  @Field(() => Float, { nullable: true }) tmpfsSizeBytes?: number;
  @Field(() => Int, { nullable: true }) tmpfsMode?: number;
}

@ObjectType('Ulimit')
export class UlimitModel {
  @Field() name!: string;
  @Field(() => Float) soft!: number;
  @Field(() => Float) hard!: number;
}

@ObjectType('ContainerOptions')
export class ContainerOptionsModel {
  @Field({ nullable: true }) workdir?: string;
  @Field({ nullable: true }) user?: string;
  @Field({ nullable: true }) hostname?: string;
  @Field(() => [KeyValue], { description: 'Labels on the container.' }) labels!: KeyValue[];
  @Field(() => [MountModel]) mounts!: MountModel[];
  @Field({ nullable: true }) stopSignal?: string;
  @Field(() => Int, { nullable: true }) stopGracePeriodMs?: number;
  @Field() init!: boolean;
  @Field() readOnly!: boolean;
  @Field(() => [String]) capAdd!: string[];
  @Field(() => [String]) capDrop!: string[];
  @Field(() => [UlimitModel]) ulimits!: UlimitModel[];
}

@ObjectType('HealthCheck')
export class HealthCheckModel {
  @Field() disable!: boolean;
  @Field(() => [String], { nullable: true }) command?: string[];
  @Field({ nullable: true }) shell?: string;
  @Field(() => Int, { nullable: true }) intervalMs?: number;
  @Field(() => Int, { nullable: true }) timeoutMs?: number;
  @Field(() => Int, { nullable: true }) retries?: number;
  @Field(() => Int, { nullable: true }) startPeriodMs?: number;
}

@ObjectType('RestartPolicy')
export class RestartPolicyModel {
  @Field({ description: 'none, on-failure or any.' }) condition!: string;
  @Field(() => Int, { nullable: true, description: "Null: the cluster's doubling restart delay." }) delayMs?: number;
  @Field(() => Int, { nullable: true, description: 'Null: no limit.' }) maxAttempts?: number;
  @Field(() => Int, { nullable: true }) windowMs?: number;
}

export function toContainerOptionsModel(o: ContainerOptions = {}): ContainerOptionsModel {
  return {
    workdir: o.workdir,
    user: o.user,
    hostname: o.hostname,
    labels: toKeyValues(o.labels),
    mounts: (o.mounts ?? []).map((m) => ({ ...m, readOnly: m.readOnly ?? false })),
    stopSignal: o.stopSignal,
    stopGracePeriodMs: o.stopGracePeriodMs,
    init: o.init ?? false,
    readOnly: o.readOnly ?? false,
    capAdd: o.capAdd ?? [],
    capDrop: o.capDrop ?? [],
    ulimits: (o.ulimits ?? []).map((u) => ({ ...u })),
  };
}

export function toHealthCheckModel(h: HealthCheck | undefined): HealthCheckModel | undefined {
  return h ? { ...h, disable: h.disable ?? false } : undefined;
}

export function toRestartPolicyModel(p: RestartPolicy = { condition: 'any' }): RestartPolicyModel {
  return { ...p };
}
