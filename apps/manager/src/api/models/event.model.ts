import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NodeModel } from './node.model';
import { ServiceModel } from './service.model';
import { TaskModel } from './task.model';

export enum ObjectKind {
  NODE = 'NODE',
  SERVICE = 'SERVICE',
  TASK = 'TASK',
  CLUSTER = 'CLUSTER',
}
export enum EventAction {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  REMOVED = 'REMOVED',
  RESYNC = 'RESYNC',
}
registerEnumType(ObjectKind, { name: 'ObjectKind' });
registerEnumType(EventAction, {
  name: 'EventAction',
  valuesMap: { RESYNC: { description: 'Events after the cursor passed to `events(after:)` are gone: refetch, then go on from this event.' } },
});

@ObjectType('Event', { description: 'A change to one object; the object is as it is after the change (before it, for REMOVED).' })
export class EventModel {
  @Field(() => ObjectKind) kind!: ObjectKind;
  @Field(() => EventAction) action!: EventAction;
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'Log index of the change.' }) index!: number;
  @Field({ description: 'Pass it as `events(after:)` to resume after this event.' }) cursor!: string;
  @Field() at!: string;
  @Field(() => ServiceModel, { nullable: true }) service?: ServiceModel;
  @Field(() => TaskModel, { nullable: true }) task?: TaskModel;
  @Field(() => NodeModel, { nullable: true }) node?: NodeModel;
}
