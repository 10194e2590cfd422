import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Resources } from '@shoal/protocol';
import type { ServicePlacement } from '../../store/placement';
import { PlacementStrategyEnum } from '../inputs/placement.input';

@ObjectType('PlacementPreference')
export class PlacementPreferenceModel {
  @Field() spread!: string;
}

@ObjectType('Placement')
export class PlacementModel {
  @Field(() => [String]) constraints!: string[];
  @Field(() => [PlacementPreferenceModel]) preferences!: PlacementPreferenceModel[];
  @Field(() => Int, { description: '0: no limit.' }) maxReplicasPerNode!: number;
  @Field(() => PlacementStrategyEnum) strategy!: PlacementStrategyEnum;
}

@ObjectType('ResourceReservations')
export class ResourceReservationsModel {
  @Field(() => Float, { description: 'Billionths of a CPU; 0: none.' }) nanoCpus!: number;
  @Field(() => Float, { description: 'Bytes; 0: none.' }) memoryBytes!: number;
}

@ObjectType('ResourceLimits')
export class ResourceLimitsModel {
  @Field(() => Float, { description: 'Billionths of a CPU; 0: no limit.' }) nanoCpus!: number;
  @Field(() => Float, { description: 'Bytes; 0: no limit.' }) memoryBytes!: number;
  @Field(() => Int, { description: '0: no limit.' }) pids!: number;
}

@ObjectType('Resources')
export class ResourcesModel {
  @Field(() => ResourceReservationsModel) reservations!: ResourceReservationsModel;
  @Field(() => ResourceLimitsModel) limits!: ResourceLimitsModel;
}

@ObjectType('NodePlacement', { description: 'Whether one more task of the service could go on this node now.' })
export class NodePlacementModel {
  @Field(() => ID) nodeId!: string;
  @Field() hostname!: string;
  @Field() eligible!: boolean;
  @Field(() => [String], {
    description: 'Every filter that rejects the node: "constraint: node fails constraint node.labels.zone==eu (node.labels.zone is not set)".',
  })
  reasons!: string[];
}

@ObjectType('PlacementReport')
export class PlacementReportModel {
  @Field({ nullable: true, description: 'Why no node can take a task now, as a pending task would say it; null when some node can.' })
  summary?: string;
  @Field(() => [NodePlacementModel]) nodes!: NodePlacementModel[];
}

export function toPlacementModel(p: ServicePlacement | undefined): PlacementModel {
  return {
    constraints: p?.constraints ?? [],
    preferences: (p?.preferences ?? []).map((x) => ({ spread: x.spread })),
    maxReplicasPerNode: p?.maxReplicasPerNode ?? 0,
    strategy: (p?.strategy ?? 'SPREAD') as PlacementStrategyEnum,
  };
}

export function toResourcesModel(r: Resources | undefined): ResourcesModel {
  return {
    reservations: { nanoCpus: r?.reservations?.nanoCpus ?? 0, memoryBytes: r?.reservations?.memoryBytes ?? 0 },
    limits: { nanoCpus: r?.limits?.nanoCpus ?? 0, memoryBytes: r?.limits?.memoryBytes ?? 0, pids: r?.limits?.pids ?? 0 },
  };
}
