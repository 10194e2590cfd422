import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env';

/**
 * Typed GraphQL documents for Shoal's API. Result and variable types come from the
 * committed apps/manager/schema.graphql through graphql-env.ts, which
 * `gql.tada generate-output -c libs/sdk/tsconfig.json` writes (`npm run build` does it;
 * the schema tier of `npm test` fails when it is stale). No response type is written by hand.
 */
export const graphql = initGraphQLTada<{ introspection: typeof introspection; disableMasking: true }>();

export type { ResultOf, VariablesOf, TadaDocumentNode } from 'gql.tada';
