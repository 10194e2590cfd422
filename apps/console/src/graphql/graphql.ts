/**
 * Typed GraphQL documents come from the SDK (libs/sdk): result and variable types are
 * generated from the committed apps/manager/schema.graphql. No response type is written
 * by hand. Only the tag function is imported, so the SDK's HTTP client stays out of the
 * console's bundle (the console talks through urql).
 */
export { graphql } from '@shoal/sdk/graphql';
export type { ResultOf, VariablesOf } from '@shoal/sdk/graphql';
