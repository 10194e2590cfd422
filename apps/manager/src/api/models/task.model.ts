import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DesiredState, TaskState } from '@shoal/protocol';
import type { TaskObject } from '../../store/objects';

@ObjectType('TaskStatus')
export class TaskStatusModel {
  @Field(() => TaskState) state!: TaskState;
  @Field({ description: 'What happened last, or why the task waits (the scheduler explains pending tasks).' }) message!: string;
  @Field({ nullable: true }) err?: string;
  @Field({ nullable: true }) containerId?: string;
  @Field(() => Int, { nullable: true }) exitCode?: number;
  @Field({ nullable: true, description: 'starting, healthy or unhealthy, as the engine says; null without a health check.' }) health?: string;
  @Field() timestamp!: string;
  @Field({ nullable: true, description: 'When the task first ran (the agent clock, like timestamp); null if it never did.' }) startedAt?: string;
}

@ObjectType('Task')
export class TaskModel {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field() createdAt!: string;
  @Field() updatedAt!: string;
  @Field(() => ID) serviceId!: string;
  @Field() serviceName!: string;
  @Field(() => Int, { description: 'Replica slot, from 1.' }) slot!: number;
  @Field(() => ID, { nullable: true }) nodeId?: string;
  @Field(() => DesiredState) desiredState!: DesiredState;
  @Field(() => TaskStatusModel) status!: TaskStatusModel;
  @Field() image!: string;
}

export function toTaskModel(t: TaskObject): TaskModel {
  return {
    id: t.id,
    version: t.version,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    serviceId: t.serviceId,
    serviceName: t.serviceName,
    slot: t.slot,
    nodeId: t.nodeId ?? undefined,
    desiredState: t.desiredState,
    status: { ...t.status },
    image: t.spec.image,
  };
}
