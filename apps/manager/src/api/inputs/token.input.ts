import { Field, InputType } from '@nestjs/graphql';
import { RoleEnum } from '../models/user.model';

@InputType()
export class CreateTokenInput {
  @Field() name!: string;
  @Field(() => RoleEnum, { description: 'At most your own role.' }) role!: RoleEnum;
  @Field({ nullable: true, description: 'ISO 8601; the token is refused from then on. Omit for a token that does not expire.' }) expiresAt?: string;
}
