import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum LogStream {
  STDOUT = 'STDOUT',
  STDERR = 'STDERR',
}
registerEnumType(LogStream, { name: 'LogStream' });

@ObjectType('LogLine', { description: 'One line a task printed.' })
export class LogLineModel {
  @Field(() => ID) taskId!: string;
  @Field(() => Int, { description: 'Replica slot of the task.' }) slot!: number;
  @Field(() => ID) nodeId!: string;
  @Field({ description: "The node's hostname." }) hostname!: string;
  @Field(() => LogStream) stream!: LogStream;
  @Field({ description: 'When the engine recorded the line: RFC 3339 with nanoseconds.' }) timestamp!: string;
  @Field({ description: 'The line, without its newline.' }) text!: string;
}

@ObjectType('LogBatch', { description: 'Lines of a service log, in order per task.' })
export class LogBatchModel {
  @Field(() => [LogLineModel]) lines!: LogLineModel[];
  @Field(() => Int, { description: 'Lines dropped just before these because the reader fell behind (0 normally).' }) skipped!: number;
}
