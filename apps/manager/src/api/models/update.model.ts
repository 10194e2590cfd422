import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Rollout } from '../../orchestrator/update/rollout';
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

export enum UpdateSlotStateEnum {
  UPDATED = 'UPDATED',
  STARTING = 'STARTING',
  FAILED = 'FAILED',
  OUTDATED = 'OUTDATED',
  EMPTY = 'EMPTY',
}
registerEnumType(UpdateSlotStateEnum, {
  name: 'UpdateSlotState',
  description:
    "UPDATED: runs the service's current spec. STARTING: its task of the current spec is not running yet. FAILED: its new task failed and nothing replaced it yet. OUTDATED: still runs the spec before. EMPTY: no task.",
});

@ObjectType('UpdateSlot', { description: 'One slot (for a global service, one node) during an update: which spec it runs.' })
export class UpdateSlotModel {
  @Field(() => Int, { description: 'The slot; for a global service, the node in order (1, 2, ...).' }) slot!: number;
  @Field(() => UpdateSlotStateEnum) state!: UpdateSlotStateEnum;
  @Field(() => ID, { nullable: true }) taskId?: string;
  @Field(() => ID, { nullable: true }) nodeId?: string;
}

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
  @Field(() => Int, { description: 'New tasks of this update (or rollback) that failed before running or within the monitor period.' }) failures!: number;
  @Field(() => Int, { description: 'Failures tolerated (maxFailureRatio of the slots, rounded down); one more applies the failure action.' })
  failuresAllowed!: number;
  @Field({ nullable: true, description: 'Once every slot runs the current spec: when the update completes unless a new task fails before.' })
  monitorUntil?: string;
  @Field(() => [UpdateSlotModel], { description: 'Every slot and which spec it runs.' }) slots!: UpdateSlotModel[];
}

export function toUpdateConfigModel(c: UpdateConfig | undefined): UpdateConfigModel {
  const full = withDefaults(c);
  return { ...full, failureAction: full.failureAction as UpdateFailureActionEnum, order: full.order as UpdateOrderEnum };
}

export function toUpdateStatusModel(s: UpdateStatus, progress: UpdateProgressModel, rollout: Rollout): UpdateStatusModel {
  return { ...s, state: s.state as UpdateStateEnum, progress, ...rollout, slots: rollout.slots.map((x) => ({ ...x, state: x.state as UpdateSlotStateEnum })) };
}
