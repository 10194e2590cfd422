import { Field, Float, InputType, Int, registerEnumType } from '@nestjs/graphql';
import type { Resources } from '@shoal/protocol';
import type { ServicePlacement } from '../../store/placement';

export enum PlacementStrategyEnum {
  SPREAD = 'SPREAD',
  BINPACK = 'BINPACK',
}
registerEnumType(PlacementStrategyEnum, {
  name: 'PlacementStrategy',
  description: 'SPREAD: the node with the fewest tasks of the service; BINPACK: the fullest node that still fits.',
});

@InputType()
export class PlacementPreferenceInput {
  @Field({ description: 'A label to spread the tasks evenly over the values of: node.labels.<key> or engine.labels.<key>.' }) spread!: string;
}

@InputType({ description: 'Rules no node meets today are accepted; the tasks wait with an explanation.' })
export class PlacementInput {
  @Field(() => [String], {
    nullable: true,
    description:
      'Every one must hold: node.id, node.hostname, node.role, node.platform.os, node.platform.arch, node.labels.<key>, engine.labels.<key>, with == or !=.',
  })
  constraints?: string[];
  @Field(() => [PlacementPreferenceInput], { nullable: true, description: 'Nested: spread over the first label, then within each value over the next.' })
  preferences?: PlacementPreferenceInput[];
  @Field(() => Int, { nullable: true, description: 'At most this many tasks of the service per node; 0: no limit.' }) maxReplicasPerNode?: number;
  @Field(() => PlacementStrategyEnum, { nullable: true, description: 'SPREAD when left out.' }) strategy?: PlacementStrategyEnum;
}

@InputType()
export class ResourceReservationsInput {
  @Field(() => Float, { nullable: true, description: 'CPU set aside on the node, in billionths of a CPU (1e9 = one CPU).' }) nanoCpus?: number;
  @Field(() => Float, { nullable: true, description: 'Memory set aside on the node, in bytes.' }) memoryBytes?: number;
}

@InputType()
export class ResourceLimitsInput {
  @Field(() => Float, { nullable: true, description: 'CPU the container may use, in billionths of a CPU; at least 1e7, 0: no limit.' }) nanoCpus?: number;
  @Field(() => Float, { nullable: true, description: 'Memory the container may use, in bytes; at least 6 MiB, 0: no limit.' }) memoryBytes?: number;
  @Field(() => Int, { nullable: true, description: 'Processes the container may run; 0: no limit.' }) pids?: number;
}

@InputType({ description: 'Reservations are placed by the scheduler; limits are enforced by the engine.' })
export class ResourcesInput {
  @Field(() => ResourceReservationsInput, { nullable: true }) reservations?: ResourceReservationsInput;
  @Field(() => ResourceLimitsInput, { nullable: true }) limits?: ResourceLimitsInput;
}

/** GraphQL gives null for fields left out; the spec keeps only what was given. */
export function fromPlacementInput(p: PlacementInput | undefined | null): ServicePlacement | undefined {
  if (!p) return undefined;
  return compact({
    constraints: p.constraints ?? undefined,
    preferences: p.preferences?.map((x) => ({ spread: x.spread })) ?? undefined,
    maxReplicasPerNode: p.maxReplicasPerNode ?? undefined,
    strategy: p.strategy ?? undefined,
  });
}

export function fromResourcesInput(r: ResourcesInput | undefined | null): Resources | undefined {
  if (!r) return undefined;
  return compact({
    reservations: r.reservations
      ? compact({ nanoCpus: r.reservations.nanoCpus ?? undefined, memoryBytes: r.reservations.memoryBytes ?? undefined })
      : undefined,
    limits: r.limits
      ? compact({ nanoCpus: r.limits.nanoCpus ?? undefined, memoryBytes: r.limits.memoryBytes ?? undefined, pids: r.limits.pids ?? undefined })
      : undefined,
  });
}

function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
