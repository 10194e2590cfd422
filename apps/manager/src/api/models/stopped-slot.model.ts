import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('StoppedSlot', { description: 'A slot left empty by the restart policy.' })
export class StoppedSlotModel {
  @Field(() => Int) slot!: number;
  @Field(() => ID, { description: 'The task that ended last.' }) taskId!: string;
  @Field({ description: 'Why no task replaces it, e.g. "task … failed (…); max attempts reached (3 replacements)".' }) reason!: string;
}
