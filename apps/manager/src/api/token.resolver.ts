import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../auth/allow.decorator';
import type { GqlContext } from '../auth/gql-context';
import { TokensService } from '../identity/tokens.service';
import { Store } from '../store/store';
import type { TokenObject } from '../store/objects';
import { CreateTokenInput } from './inputs/token.input';
import { ApiTokenModel, CreatedTokenModel, toApiTokenModel } from './models/token.model';

@Resolver(() => ApiTokenModel)
export class TokenResolver {
  constructor(
    private readonly store: Store,
    private readonly tokensService: TokensService,
  ) {}

  @Allow('OPERATOR')
  @Query(() => [ApiTokenModel], { description: 'Admins see every API token, others their own. Never the secrets.' })
  tokens(@Context() ctx: GqlContext): ApiTokenModel[] {
    return this.tokensService
      .visibleTo(ctx.principal!)
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1))
      .map((t) => this.model(t));
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
