import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { GraphQLError, GraphQLResolveInfo } from 'graphql';
import { Observable, from, lastValueFrom } from 'rxjs';
import { ShoalError } from '../common/errors';
import type { GqlContext } from '../auth/gql-context';
import type { Principal } from '../auth/principal';
import type { AuditObject } from '../store/objects';
import { PendingAudit, auditContext } from './audit.context';
import { AuditWriter } from './audit.writer';
import { redactedJson } from './redact';

/**
 * Audits every mutation: its record rides on the mutation's own entry when it changes
 * something (AuditedProposer), else it is written after it. A mutation refused by its
 * input (BAD_USER_INPUT, NOT_FOUND, CONFLICT) changed nothing and leaves no record, so
 * bad input never moves the applied index; every other failure is recorded with its
 * code (a failed login: UNAUTHENTICATED). Refusals by the guard are recorded there.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly writer: AuditWriter) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    if (info.parentType.name !== 'Mutation') return next.handle();
    const ctx = gql.getContext<GqlContext>();
    const args = gql.getArgs<Record<string, unknown>>();
    const pending: PendingAudit = {
      actor: actorOf(ctx.principal, args),
      operation: info.fieldName,
      arguments: redactedJson(args),
      clientAddr: ctx.clientAddr,
      attached: false,
      committed: false,
      closed: false,
      skip: false,
    };
    return from(
      auditContext.run(pending, async () => {
        try {
          const value: unknown = await lastValueFrom(next.handle() as Observable<unknown>);
          pending.closed = true;
          if (!pending.committed) await this.writer.write(pending, 'OK');
          return value;
        } catch (err) {
          pending.closed = true;
          const code = codeOf(err);
          if (!pending.skip && !UNRECORDED.has(code)) await this.writer.write(pending, code);
          throw err;
        }
      }),
    );
  }
}

const UNRECORDED = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT']);

export function actorOf(principal: Principal | undefined, args: Record<string, unknown>): AuditObject['actor'] {
  if (principal) return { kind: principal.kind === 'TOKEN' ? 'TOKEN' : 'USER', name: principal.name };
  const username = typeof args.username === 'string' ? args.username.slice(0, 64) : '';
  return { kind: 'ANONYMOUS', name: username };
}

export function codeOf(err: unknown): string {
  if (err instanceof ShoalError) return err.code;
  const code = (err as GraphQLError | undefined)?.extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}
