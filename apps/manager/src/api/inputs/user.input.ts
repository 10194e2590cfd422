import { Field, InputType } from '@nestjs/graphql';
import { RoleEnum } from '../models/user.model';

@InputType()
export class CreateUserInput {
  @Field({ description: '1-64 letters, digits, ".", "_" or "-"; unique ignoring case.' }) username!: string;
  @Field({ description: '8-72 bytes.' }) password!: string;
  @Field(() => RoleEnum) role!: RoleEnum;
}

@InputType()
export class UpdateUserInput {
  @Field(() => RoleEnum, { nullable: true }) role?: RoleEnum;
  @Field({ nullable: true, description: "Ends the user's sessions." }) password?: string;
  @Field({ nullable: true, description: "Disabling ends the user's sessions; its tokens are refused while it is disabled." }) disabled?: boolean;
}
