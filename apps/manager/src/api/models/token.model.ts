import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { TokenObject, UserObject } from '../../store/objects';
import { RoleEnum } from './user.model';

@ObjectType('ApiToken', { description: 'An API token for automation; its secret is shown only once, by createToken.' })
export class ApiTokenModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => RoleEnum, { description: "The most it may do; never more than its owner's current role." }) role!: RoleEnum;
  @Field(() => String, { nullable: true, description: 'Username of the user who created it; null for the bootstrap admin token.' }) owner!: string | null;
  @Field() createdAt!: string;
  @Field(() => String, { nullable: true }) expiresAt!: string | null;
  @Field(() => String, { nullable: true, description: 'Coarse: recorded about once a minute, not on every request.' }) lastUsedAt!: string | null;
}

@ObjectType('CreatedToken')
export class CreatedTokenModel {
  @Field(() => ApiTokenModel) token!: ApiTokenModel;
  @Field({ description: 'Send it as "Authorization: Bearer <secret>". Shown now only: it is stored hashed.' }) secret!: string;
}

export function toApiTokenModel(t: TokenObject, owner: UserObject | undefined): ApiTokenModel {
  return {
    id: t.id,
    name: t.name,
    role: t.role as RoleEnum,
    owner: owner?.username ?? null,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt ?? null,
    lastUsedAt: t.lastUsedAt ?? null,
  };
}
