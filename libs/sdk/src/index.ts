export { graphql } from './graphql';
export type { ResultOf, VariablesOf, TadaDocumentNode } from './graphql';
export { ShoalClient } from './client';
export type { Answer, ShoalClientOptions } from './client';
export { ShoalApiError, ShoalUnreachableError } from './errors';
export type { GraphQLErrorBody } from './errors';
