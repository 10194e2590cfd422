import { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DEFAULT_NESTED, DEFAULT_PAGE, MAX_PAGE } from './keyset';

/** `first` and `after` as every top-level list documents them. */
export const FIRST_DOC = `Page size, 1-${MAX_PAGE}; ${DEFAULT_PAGE} when omitted.`;
export const AFTER_DOC = 'The nextCursor of the page before; leave out for the first page.';

/** The GraphQL type `<Name>Page { items, nextCursor, totalCount }` of a list of `item`. */
export function pageOf<T>(item: Type<T>, name: string, order: string): Type<{ items: T[]; nextCursor: string | null; totalCount: number }> {
  @ObjectType(`${name}Page`, { description: `A page of ${name} objects, ${order}.` })
  class PageModel {
    @Field(() => [item]) items!: T[];
    @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last page.' }) nextCursor!: string | null;
    @Field(() => Int, { description: 'Items matching the filter, on every page.' }) totalCount!: number;
  }
  return PageModel;
}

export const NESTED_DOC = `${DEFAULT_NESTED} by default, ${MAX_PAGE} at most; page through Query.tasks for all`;
export const NESTED_FIRST_DOC = `How many, 1-${MAX_PAGE}; ${DEFAULT_NESTED} when omitted.`;
