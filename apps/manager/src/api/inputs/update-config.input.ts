import { Field, Float, InputType, Int, registerEnumType } from '@nestjs/graphql';
import type { UpdateConfig } from '../../store/update';
import { defined } from './defined';

export enum UpdateFailureActionEnum {
  PAUSE = 'PAUSE',
  CONTINUE = 'CONTINUE',
  ROLLBACK = 'ROLLBACK',
}
registerEnumType(UpdateFailureActionEnum, {
  name: 'UpdateFailureAction',
  description: 'What an update does when more new tasks fail than maxFailureRatio allows. A rollback can only PAUSE or CONTINUE.',
});

export enum UpdateOrderEnum {
  STOP_FIRST = 'STOP_FIRST',
  START_FIRST = 'START_FIRST',
}
registerEnumType(UpdateOrderEnum, {
  name: 'UpdateOrder',
  description: "STOP_FIRST: a slot's old task stops before its new one is placed; START_FIRST: the old one stops once the new one runs.",
});

@InputType({ description: "How an update (or a rollback) replaces the service's tasks; fields left out take swarm mode's defaults." })
export class UpdateConfigInput {
  @Field(() => Int, { nullable: true, description: 'Slots replaced per batch; 0: all at once. Default 1.' }) parallelism?: number;
  @Field(() => Int, { nullable: true, description: 'Wait after a batch runs before the next starts. Default 0.' }) delayMs?: number;
  @Field(() => UpdateFailureActionEnum, { nullable: true, description: 'Default PAUSE.' }) failureAction?: UpdateFailureActionEnum;
  @Field(() => Int, {
    nullable: true,
    description: 'How long after a new task starts running its failure still counts; the update completes this long after its last task runs. Default 5000.',
  })
  monitorMs?: number;
  @Field(() => Int, {
    nullable: true,
    description: 'How long a new task may take from its creation to running (and healthy) before it counts as a failed task. Default 300000 (5 min).',
  })
  startTimeoutMs?: number;
  @Field(() => Float, { nullable: true, description: 'Failed new tasks tolerated, as a fraction of the slots (0 to 1). Default 0.' })
  maxFailureRatio?: number;
  @Field(() => UpdateOrderEnum, { nullable: true, description: 'Default STOP_FIRST.' }) order?: UpdateOrderEnum;
}

export function toUpdateConfig(input: UpdateConfigInput | null | undefined): UpdateConfig | undefined {
  if (!input) return undefined;
  return defined<UpdateConfig>({ ...input });
}
