import { Field, ObjectType } from '@nestjs/graphql';
import { ServiceSpecModel } from './service.model';
import { TaskModel } from './task.model';

@ObjectType('SpecChange')
export class SpecChangeModel {
  @Field({ description: 'The field, like "container.mounts[0].target".' }) path!: string;
  @Field({ nullable: true, description: 'Its value as JSON; null when unset.' }) old?: string;
  @Field({ nullable: true, description: 'Its new value as JSON; null when unset.' }) new?: string;
}

@ObjectType('ServiceUpdatePreview')
export class ServiceUpdatePreviewModel {
  @Field(() => ServiceSpecModel, { description: 'The spec the update would give.' }) spec!: ServiceSpecModel;
  @Field(() => [SpecChangeModel], { description: 'Every field the update changes.' }) changes!: SpecChangeModel[];
  @Field(() => [TaskModel], { description: 'The running tasks the update would replace, by slot.' }) replacedTasks!: TaskModel[];
}
