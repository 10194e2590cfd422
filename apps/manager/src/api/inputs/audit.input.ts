import { Field, InputType } from '@nestjs/graphql';

@InputType()
export class AuditFilterInput {
  @Field({ nullable: true, description: 'Actor name (username or token name), exactly.' }) actor?: string;
  @Field({ nullable: true, description: 'Operation, exactly: createService, login...' }) operation?: string;
  @Field({ nullable: true, description: 'true: only failures and refusals; false: only OK.' }) failed?: boolean;
}
