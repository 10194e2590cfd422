import { Field, InputType, Int } from '@nestjs/graphql';

@InputType({ description: 'The size of a REPLICATED_JOB.' })
export class JobInput {
  @Field(() => Int, { defaultValue: 1, description: 'Tasks running at once.' }) maxConcurrent!: number;
  @Field(() => Int, { nullable: true, description: 'Tasks that must exit 0; maxConcurrent when left out.' }) totalCompletions?: number;
}
