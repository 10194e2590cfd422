import { Field, InputType, Int } from '@nestjs/graphql';
import type { HealthCheck } from '@shoal/protocol';
import { defined } from './defined';

@InputType({ description: "Overrides the image's HEALTHCHECK. A task counts as running only once the engine says healthy; an unhealthy one is replaced." })
export class HealthCheckInput {
  @Field({ nullable: true, description: "Turns the image's health check off." }) disable?: boolean;
  @Field(() => [String], { nullable: true, description: 'Probe run directly (exec form); exit 0 means healthy.' }) command?: string[];
  @Field({ nullable: true, description: 'Probe run by /bin/sh -c.' }) shell?: string;
  @Field(() => Int, { nullable: true }) intervalMs?: number;
  @Field(() => Int, { nullable: true }) timeoutMs?: number;
  @Field(() => Int, { nullable: true, description: 'Consecutive failures that make the task unhealthy.' }) retries?: number;
  @Field(() => Int, { nullable: true, description: 'Failures during this time after start do not count.' }) startPeriodMs?: number;
}

export function toHealthCheck(input: HealthCheckInput | null | undefined): HealthCheck | undefined {
  if (!input) return undefined;
  return defined<HealthCheck>({ ...input });
}
