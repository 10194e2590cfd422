import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('JobConfig', { description: 'The size of a REPLICATED_JOB.' })
export class JobConfigModel {
  @Field(() => Int) maxConcurrent!: number;
  @Field(() => Int) totalCompletions!: number;
}

@ObjectType('JobProgress', { description: "A job's slots (tasks of a REPLICATED_JOB, nodes of a GLOBAL_JOB) whose task exited 0, out of all." })
export class JobProgressModel {
  @Field(() => Int) completed!: number;
  @Field(() => Int) total!: number;
}
