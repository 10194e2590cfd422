import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ShoalError } from '../common/errors';
import { Principal, TokenService } from './token.service';

export interface GqlContext {
  req?: { headers: Record<string, string | string[] | undefined> };
  /** Set for subscriptions at connection time (graphql-ws connectionParams). */
  principal?: Principal;
}

/**
 * Global guard: every query, mutation and subscription needs a valid bearer token.
 * Roles beyond admin arrive with issue 5; the rule then is per operation.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly tokens: TokenService) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true; // REST: /healthz only, see main.ts
    const ctx = GqlExecutionContext.create(context).getContext<GqlContext>();
    const principal = ctx.principal ?? this.tokens.authenticate(ctx.req?.headers.authorization);
    if (!principal) throw new ShoalError('UNAUTHENTICATED', 'a valid API token is required: send "Authorization: Bearer <token>"');
    ctx.principal = principal;
    return true;
  }
}
