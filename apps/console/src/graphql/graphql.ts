import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

/**
 * Typed GraphQL documents: result and variable types come from the committed
 * apps/manager/schema.graphql through graphql-env.d.ts (`gql.tada generate-output`,
 * run by the console build). No response type is written by hand.
 */
export const graphql = initGraphQLTada<{ introspection: introspection; disableMasking: true }>();

export type { ResultOf, VariablesOf } from 'gql.tada';
