import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RoleEnum, UserModel } from './user.model';

export enum PrincipalKind {
  SESSION = 'SESSION',
  TOKEN = 'TOKEN',
}
registerEnumType(PrincipalKind, { name: 'PrincipalKind', description: 'SESSION: logged in through the console; TOKEN: an API token.' });

@ObjectType('Me', { description: 'Who the request acts as.' })
export class MeModel {
  @Field(() => PrincipalKind) kind!: PrincipalKind;
  @Field({ description: "The username, or the API token's name." }) name!: string;
  @Field(() => RoleEnum, { description: 'The effective role.' }) role!: RoleEnum;
  @Field(() => UserModel, { nullable: true, description: 'The user behind it; null for the bootstrap admin token.' }) user!: UserModel | null;
}

@ObjectType('LoginResult')
export class LoginResultModel {
  @Field(() => UserModel) user!: UserModel;
  @Field({ description: 'When the session ends; the session cookie carries the secret.' }) expiresAt!: string;
}
