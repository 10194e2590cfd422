import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { NodeObject } from '../../store/objects';
import { KeyValue, toKeyValues } from './common.model';

export enum NodeRoleEnum {
  MANAGER = 'MANAGER',
  WORKER = 'WORKER',
}
export enum NodeAvailabilityEnum {
  ACTIVE = 'ACTIVE',
  PAUSE = 'PAUSE',
  DRAIN = 'DRAIN',
}
export enum NodeStateEnum {
  UNKNOWN = 'UNKNOWN',
  READY = 'READY',
  DOWN = 'DOWN',
}
registerEnumType(NodeRoleEnum, { name: 'NodeRole' });
registerEnumType(NodeAvailabilityEnum, {
  name: 'NodeAvailability',
  description: 'ACTIVE takes new tasks; PAUSE takes none; DRAIN takes none and moves its tasks away.',
});
registerEnumType(NodeStateEnum, { name: 'NodeState' });

@ObjectType('NodeStatus')
export class NodeStatusModel {
  @Field(() => NodeStateEnum) state!: NodeStateEnum;
  @Field() message!: string;
  @Field({ description: 'Address the agent connected from.' }) addr!: string;
  @Field() timestamp!: string;
}

@ObjectType('NodeDescription')
export class NodeDescriptionModel {
  @Field() hostname!: string;
  @Field(() => Int) cpus!: number;
  @Field(() => Float) memoryBytes!: number;
  @Field() os!: string;
  @Field() arch!: string;
  @Field() engineVersion!: string;
  @Field(() => [KeyValue]) engineLabels!: KeyValue[];
  @Field(() => [KeyValue], { description: 'Labels the agent was started with.' }) labels!: KeyValue[];
}

@ObjectType('Node')
export class NodeModel {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field() createdAt!: string;
  @Field() updatedAt!: string;
  @Field() hostname!: string;
  @Field(() => NodeRoleEnum, { description: 'MANAGER while the manager on its host is a Raft voter.' }) role!: NodeRoleEnum;
  @Field(() => NodeRoleEnum, { description: 'The role promoteNode/demoteNode asked for; the leader moves `role` toward it.' }) desiredRole!: NodeRoleEnum;
  @Field(() => String, { nullable: true, description: 'What the leader does or waits for to bring `role` to `desiredRole`; null once they agree.' })
  roleMessage!: string | null;
  @Field(() => NodeAvailabilityEnum) availability!: NodeAvailabilityEnum;
  @Field(() => [KeyValue], { description: 'Labels set by operators.' }) labels!: KeyValue[];
  @Field(() => NodeStatusModel) status!: NodeStatusModel;
  @Field(() => NodeDescriptionModel) description!: NodeDescriptionModel;
}

export function toNodeModel(n: NodeObject): NodeModel {
  const d = n.description;
  return {
    id: n.id,
    version: n.version,
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
    hostname: d.hostname,
    role: n.role as NodeRoleEnum,
    desiredRole: (n.desiredRole ?? n.role) as NodeRoleEnum,
    roleMessage: n.roleMessage ?? null,
    availability: n.availability as NodeAvailabilityEnum,
    labels: toKeyValues(n.labels),
    status: { ...n.status, state: n.status.state as NodeStateEnum },
    description: { ...d, engineLabels: toKeyValues(d.engineLabels), labels: toKeyValues(d.labels) },
  };
}
