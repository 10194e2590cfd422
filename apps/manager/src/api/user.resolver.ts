import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../auth/allow.decorator';
import type { GqlContext } from '../auth/gql-context';
import { UsersService } from '../identity/users.service';
import { Store } from '../store/store';
import { CreateUserInput, UpdateUserInput } from './inputs/user.input';
import { UserModel, toUserModel } from './models/user.model';
import { type Page, keysetPage, mapPage } from './pagination/keyset';
import { AFTER_DOC, FIRST_DOC } from './pagination/page.model';
import { UserPageModel } from './pagination/pages';

@Resolver(() => UserModel)
export class UserResolver {
  constructor(
    private readonly store: Store,
    private readonly usersService: UsersService,
  ) {}

  @Allow('ADMIN')
  @Query(() => UserPageModel, { description: 'Users by username (any case), a page at a time.' })
  users(
    @Args('first', { type: () => Int, nullable: true, description: FIRST_DOC }) first?: number,
    @Args('after', { nullable: true, description: AFTER_DOC }) after?: string,
  ): Page<UserModel> {
    return mapPage(
      keysetPage('users', this.store.users(), (u) => [u.username.toLowerCase(), u.id], { first, after }),
      toUserModel,
    );
  }

  @Allow('ADMIN')
  @Mutation(() => UserModel, { description: 'Fails with CONFLICT when the username is taken (ignoring case).' })
  async createUser(@Args('input') input: CreateUserInput): Promise<UserModel> {
    return toUserModel(await this.usersService.create(input));
  }

  @Allow('ADMIN')
  @Mutation(() => UserModel, { description: 'Fails with CONFLICT when it would leave no enabled admin user.' })
  async updateUser(@Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateUserInput): Promise<UserModel> {
    return toUserModel(
      await this.usersService.update(id, { role: input.role ?? undefined, password: input.password ?? undefined, disabled: input.disabled ?? undefined }),
    );
  }

  @Allow('VIEWER')
  @Mutation(() => Boolean, {
    description:
      "Changes the caller's own password, given the current one; ends the user's other sessions. Failures count towards the login lockout (RATE_LIMITED).",
  })
  async changePassword(
    @Args('currentPassword') currentPassword: string,
    @Args('newPassword') newPassword: string,
    @Context() ctx: GqlContext,
  ): Promise<boolean> {
    await this.usersService.changePassword(ctx.principal!, currentPassword, newPassword);
    return true;
  }

  @Allow('ADMIN')
  @Mutation(() => Boolean, { description: 'Removes the user, its sessions and its API tokens.' })
  async removeUser(@Args('id', { type: () => ID }) id: string): Promise<boolean> {
    await this.usersService.remove(id);
    return true;
  }
}
