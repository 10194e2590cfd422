import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../auth/allow.decorator';
import { SESSION_COOKIE } from '../auth/credentials';
import type { GqlContext } from '../auth/gql-context';
import type { Principal } from '../auth/principal';
import { SessionsService } from '../identity/sessions.service';
import { Store } from '../store/store';
import { LoginResultModel, MeModel, PrincipalKind } from './models/me.model';
import { RoleEnum, toUserModel } from './models/user.model';

@Resolver()
export class SessionResolver {
  constructor(
    private readonly store: Store,
    private readonly sessions: SessionsService,
  ) {}

  @Allow('VIEWER')
  @Query(() => MeModel)
  me(@Context() ctx: GqlContext): MeModel {
    const p = ctx.principal!;
    const user = p.userId ? this.store.user(p.userId) : undefined;
    return { kind: p.kind as PrincipalKind, name: p.name, role: p.role as RoleEnum, user: user ? toUserModel(user) : null };
  }

  @Allow('PUBLIC')
  @Mutation(() => LoginResultModel, {
    description:
      'Starts a console session: sets the httpOnly session cookie. Later requests with the cookie must send the x-shoal-csrf header. Fails with UNAUTHENTICATED, or RATE_LIMITED after repeated failures.',
  })
  async login(@Args('username') username: string, @Args('password') password: string, @Context() ctx: GqlContext): Promise<LoginResultModel> {
    const { user, secret, expiresAt } = await this.sessions.login(username, password, ctx.clientAddr);
    ctx.res?.cookie(SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'strict', secure: ctx.req?.secure === true, path: '/', expires: new Date(expiresAt) });
    return { user: toUserModel(user), expiresAt };
  }

  @Allow('VIEWER')
  @Mutation(() => Boolean, { description: 'Ends the current session and clears its cookie; false when called with an API token.' })
  async logout(@Context() ctx: GqlContext): Promise<boolean> {
    const ended = await this.sessions.logout(ctx.principal as Principal);
    if (ended) ctx.res?.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: ctx.req?.secure === true, path: '/' });
    return ended;
  }
}
