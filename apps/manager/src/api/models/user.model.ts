import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { UserObject } from '../../store/objects';

export enum RoleEnum {
  ADMIN = 'ADMIN',
  OPERATOR = 'OPERATOR',
  VIEWER = 'VIEWER',
}
registerEnumType(RoleEnum, {
  name: 'Role',
  description:
    'ADMIN: everything. OPERATOR: deploy and operate services and nodes; no users, tokens of others or cluster secrets. VIEWER: read-only, no secrets.',
});

@ObjectType('User')
export class UserModel {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field() username!: string;
  @Field(() => RoleEnum) role!: RoleEnum;
  @Field({ description: 'A disabled user cannot log in and its API tokens are refused.' }) disabled!: boolean;
  @Field() createdAt!: string;
  @Field() updatedAt!: string;
}

export function toUserModel(u: UserObject): UserModel {
  return { id: u.id, version: u.version, username: u.username, role: u.role as RoleEnum, disabled: u.disabled, createdAt: u.createdAt, updatedAt: u.updatedAt };
}
