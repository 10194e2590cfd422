import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { type UpdateConfig, type UpdateStatus, withDefaults } from '../../store/update';
import { UpdateFailureActionEnum, UpdateOrderEnum } from '../inputs/update-config.input';

export enum UpdateStateEnum {
  UPDATING = 'UPDATING',
  PAUSED = 'PAUSED',
  COMPLETED = 'COMPLETED',
  ROLLBACK_STARTED = 'ROLLBACK_STARTED',
  ROLLBACK_PAUSED = 'ROLLBACK_PAUSED',
  ROLLBACK_COMPLETED = 'ROLLBACK_COMPLETED',
}
registerEnumType(UpdateStateEnum, { name: 'UpdateState' });

@ObjectType('UpdateConfig')
export class UpdateConfigModel {
  @Field(() => Int, { description: 'Slots replaced per batch; 0: all at once.' }) parallelism!: number;
  @Field(() => Int) delayMs!: number;
  @Field(() => UpdateFailureActionEnum) failureAction!: UpdateFailureActionEnum;
  @Field(() => Int) monitorMs!: number;
  @Field(() => Int) startTimeoutMs!: number;
  @Field(() => Float) maxFailureRatio!: number;
  @Field(() => UpdateOrderEnum) order!: UpdateOrderEnum;
}

@ObjectType('UpdateProgress')
export class UpdateProgressModel {
  @Field(() => Int, { description: 'Slots whose task of the current spec is running.' }) updated!: number;
  @Field(() => Int, { description: 'All slots.' }) total!: number;
}

@ObjectType('UpdateStatus')
export class UpdateStatusModel {
  @Field(() => UpdateStateEnum) state!: UpdateStateEnum;
  @Field() startedAt!: string;
  @Field({ nullable: true }) completedAt?: string;
  @Field({ description: 'What the update is doing, or why it paused or rolled back.' }) message!: string;
  @Field(() => UpdateProgressModel) progress!: UpdateProgressModel;
}

export function toUpdateConfigModel(c: UpdateConfig | undefined): UpdateConfigModel {
  const full = withDefaults(c);
  return { ...full, failureAction: full.failureAction as UpdateFailureActionEnum, order: full.order as UpdateOrderEnum };
}

export function toUpdateStatusModel(s: UpdateStatus, progress: UpdateProgressModel): UpdateStatusModel {
  return { ...s, state: s.state as UpdateStateEnum, progress };
}
