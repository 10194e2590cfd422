import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { ShoalError } from '../common/errors';
import { actorOf } from '../audit/audit.interceptor';
import { AuditWriter } from '../audit/audit.writer';
import { redactedJson } from '../audit/redact';
import { ruleOf } from './allow.decorator';
import { RefusalBudget } from './refusal-budget';
import { Authenticator } from './authenticator';
import type { GqlContext } from './gql-context';
import type { Principal } from './principal';
import { roleAtLeast } from './roles';

export const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * Global guard. Every root query, mutation and subscription needs an explicit @Allow
 * rule (one without is refused); the principal is read from the store on every request.
 * A field resolver may carry a rule of its own (Cluster.joinTokens: ADMIN). A mutation
 * refused for its role is audited, within a budget per principal (RefusalBudget).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  readonly refusals = new RefusalBudget();
  private readonly log = new Logger('Audit');

  constructor(
    private readonly auth: Authenticator,
    private readonly audit: AuditWriter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true; // REST: /healthz only, see main.ts
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    const ctx = gql.getContext<GqlContext>();
    const rule = ruleOf(context.getHandler());
    const root = ROOT_TYPES.has(info.parentType.name);
    if (rule === undefined) {
      if (root) throw new ShoalError('FORBIDDEN', `${info.fieldName} has no access rule, so nobody may call it`);
      return true; // a field of an object its root operation already authorised
    }
    if (rule === 'PUBLIC') {
      try {
        this.authenticate(ctx);
      } catch {
        /* a public operation needs no credentials; bad ones are ignored */
      }
      return true;
    }
    const principal = this.authenticate(ctx);
    if (!principal)
      throw new ShoalError('UNAUTHENTICATED', 'a valid API token is required: send "Authorization: Bearer <token>" (or log in, for a console session)');
    if (roleAtLeast(principal.role, rule)) return true;
    const budget = info.parentType.name === 'Mutation' ? this.refusals.take(principal.userId ?? principal.id) : undefined;
    if (budget && !budget.record && budget.unrecorded === 1) {
      this.log.warn(`${principal.name} keeps calling mutations its role does not allow: further refusals are not audited until its budget refills`);
    }
    if (budget?.record) {
      if (budget.unrecorded) this.log.warn(`${principal.name}: ${budget.unrecorded} refused mutations were not audited (over the budget)`);
      const args = gql.getArgs<Record<string, unknown>>();
      await this.audit.write(
        { actor: actorOf(principal, args), operation: info.fieldName, arguments: redactedJson(args), clientAddr: ctx.clientAddr },
        'FORBIDDEN',
      );
    }
    throw new ShoalError('FORBIDDEN', `${info.fieldName} needs the ${rule} role; you are ${principal.role}`);
  }

  /** The request's principal, computed once per request (never across requests). */
  private authenticate(ctx: GqlContext): Principal | undefined {
    if (ctx.principal) return ctx.principal;
    let p: Principal | null = null;
    if (ctx.ws) {
      if (ctx.wsCredentials?.bearer) p = this.auth.token(ctx.wsCredentials.bearer);
      else if (ctx.wsCredentials?.session) p = this.auth.session(ctx.wsCredentials.session);
    } else if (ctx.req) p = this.auth.fromHeaders(ctx.req.headers);
    if (p) ctx.principal = p;
    return p ?? undefined;
  }
}
