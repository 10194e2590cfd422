import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../auth/allow.decorator';
import type { GqlContext } from '../auth/gql-context';
import { TokensService } from '../identity/tokens.service';
import { Store } from '../store/store';
import type { TokenObject } from '../store/objects';
import { CreateTokenInput } from './inputs/token.input';
import { type Page, keysetPage, mapPage } from './pagination/keyset';
import { AFTER_DOC, FIRST_DOC } from './pagination/page.model';
import { ApiTokenPageModel } from './pagination/pages';
import { ApiTokenModel, CreatedTokenModel, toApiTokenModel } from './models/token.model';

@Resolver(() => ApiTokenModel)
export class TokenResolver {
  constructor(
    private readonly store: Store,
    private readonly tokensService: TokensService,
  ) {}

  @Allow('OPERATOR')
  @Query(() => ApiTokenPageModel, { description: 'Admins see every API token, others their own; oldest first. Never the secrets.' })
  tokens(
    @Context() ctx: GqlContext,
    @Args('first', { type: () => Int, nullable: true, description: FIRST_DOC }) first?: number,
    @Args('after', { nullable: true, description: AFTER_DOC }) after?: string,
  ): Page<ApiTokenModel> {
    const page = keysetPage('tokens', this.tokensService.visibleTo(ctx.principal!), (t) => [t.createdAt, t.id], { first, after });
    return mapPage(page, (t) => this.model(t));
  }

  @Allow('OPERATOR')
  @Mutation(() => CreatedTokenModel, { description: 'The secret is in the answer and nowhere else, ever.' })
  async createToken(@Args('input') input: CreateTokenInput, @Context() ctx: GqlContext): Promise<CreatedTokenModel> {
    const { token, secret } = await this.tokensService.create(ctx.principal!, { name: input.name, role: input.role, expiresAt: input.expiresAt ?? undefined });
    return { token: this.model(token), secret };
  }

  @Allow('OPERATOR')
  @Mutation(() => Boolean, { description: 'Revokes (removes) an API token: refused by every manager from then on.' })
  async revokeToken(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext): Promise<boolean> {
    await this.tokensService.revoke(ctx.principal!, id);
    return true;
  }

  private model(t: TokenObject): ApiTokenModel {
    return toApiTokenModel(t, t.ownerId ? this.store.user(t.ownerId) : undefined);
  }
}
