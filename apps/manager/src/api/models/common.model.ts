import { Field, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DesiredState, TaskState } from '@shoal/protocol';

registerEnumType(TaskState, { name: 'TaskState', description: 'Observed state of a task, in lifecycle order (docs/nomenclature.md).' });
registerEnumType(DesiredState, {
  name: 'DesiredState',
  description: 'What managers want of a task.',
  valuesMap: { READY: { description: "A stop-first update's new task, not scheduled until the task it replaces has stopped." } },
});

@ObjectType()
export class KeyValue {
  @Field() key!: string;
  @Field() value!: string;
}

@InputType()
export class KeyValueInput {
  @Field() key!: string;
  @Field() value!: string;
}

export function toKeyValues(record: Record<string, string> | undefined): KeyValue[] {
  return Object.entries(record ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => ({ key, value }));
}

export function fromKeyValues(list: KeyValueInput[] | undefined | null): Record<string, string> | undefined {
  if (!list) return undefined;
  const out: Record<string, string> = {};
  for (const { key, value } of list) out[key] = value;
  return out;
}
