import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { AuditObject } from '../../store/objects';

export enum AuditActorKind {
  USER = 'USER',
  TOKEN = 'TOKEN',
  ANONYMOUS = 'ANONYMOUS',
}
registerEnumType(AuditActorKind, { name: 'AuditActorKind' });

@ObjectType('AuditActor')
export class AuditActorModel {
  @Field(() => AuditActorKind) kind!: AuditActorKind;
  @Field({ description: 'Username or API token name; for a failed login, the username tried.' }) name!: string;
}

@ObjectType('AuditRecord', { description: 'One mutation or login attempt: who, what, arguments (secrets redacted), result, time.' })
export class AuditRecordModel {
  @Field(() => ID) id!: string;
  @Field({ description: "When it happened (the proposing manager's clock)." }) at!: string;
  @Field(() => Int, { description: 'Log index of the entry that holds it.' }) index!: number;
  @Field(() => AuditActorModel) actor!: AuditActorModel;
  @Field({ description: 'The GraphQL mutation: createService, login...' }) operation!: string;
  @Field({ description: 'The arguments as JSON, secrets replaced by "[redacted]".' }) arguments!: string;
  @Field({ description: 'OK, or the error code it ended with.' }) result!: string;
  @Field(() => String, { nullable: true }) clientAddr!: string | null;
}

@ObjectType('AuditLogPage')
export class AuditLogPageModel {
  @Field(() => [AuditRecordModel], { description: 'Newest first.' }) records!: AuditRecordModel[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last page.' }) nextCursor!: string | null;
}

export function toAuditRecordModel(a: AuditObject): AuditRecordModel {
  return {
    id: a.id,
    at: a.createdAt,
    index: a.version,
    actor: { kind: a.actor.kind as AuditActorKind, name: a.actor.name },
    operation: a.operation,
    arguments: a.arguments,
    result: a.result,
    clientAddr: a.clientAddr ?? null,
  };
}
