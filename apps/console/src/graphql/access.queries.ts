import { graphql } from './graphql';

/** Who the console acts as, and with which role: pages hide what the role may not do (the API refuses it anyway). */
export const MeQuery = graphql(`
  query Me {
    me {
      kind
      name
      role
      user {
        id
        username
      }
    }
  }
`);

export const TokensQuery = graphql(`
  query Tokens {
    tokens(first: 500) {
      totalCount
      items {
        id
        name
        role
        owner
        createdAt
        expiresAt
        lastUsedAt
      }
    }
  }
`);

export const CreateTokenMutation = graphql(`
  mutation CreateToken($input: CreateTokenInput!) {
    createToken(input: $input) {
      secret
      token {
        id
        name
        role
      }
    }
  }
`);

export const RevokeTokenMutation = graphql(`
  mutation RevokeToken($id: ID!) {
    revokeToken(id: $id)
  }
`);

export const UsersQuery = graphql(`
  query Users {
    users(first: 500) {
      totalCount
      items {
        id
        username
        role
        disabled
        createdAt
        version
      }
    }
  }
`);

export const CreateUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      username
      role
    }
  }
`);

export const UpdateUserMutation = graphql(`
  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      id
      role
      disabled
      version
    }
  }
`);

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);
