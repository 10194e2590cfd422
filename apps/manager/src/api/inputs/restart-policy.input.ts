import { Field, InputType, Int } from '@nestjs/graphql';
import type { RestartPolicy } from '../../store/objects';
import { defined } from './defined';

@InputType({ description: 'When a task that ended on its own is replaced.' })
export class RestartPolicyInput {
  @Field({ defaultValue: 'any', description: 'none, on-failure (unless it exited 0) or any.' }) condition!: string;
  @Field(() => Int, { nullable: true, description: "Wait before each replacement; by default the cluster's restart delay, doubled per consecutive failure." })
  delayMs?: number;
  @Field(() => Int, { nullable: true, description: 'Replacements allowed (within the window); no limit when left out.' }) maxAttempts?: number;
  @Field(() => Int, { nullable: true, description: 'Only tasks that ended within this period count towards maxAttempts.' }) windowMs?: number;
}

export function toRestartPolicy(input: RestartPolicyInput | null | undefined): RestartPolicy | undefined {
  if (!input) return undefined;
  return defined<RestartPolicy>({ ...input, condition: input.condition as RestartPolicy['condition'] });
}
