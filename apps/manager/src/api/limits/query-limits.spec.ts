import { buildSchema, parse, validate } from 'graphql';
import { queryLimitRules } from './query-limits';

const schema = buildSchema(`
  type Task { id: ID! }
  type Service { id: ID! tasks(first: Int): [Task!]! }
  type ServicePage { items: [Service!]! nextCursor: String }
  type Query { services(first: Int, after: String): ServicePage! service(id: ID!): Service }
`);
const rules = queryLimitRules({ maxDepth: 8, maxFields: 1000, maxItems: 100_000 });
const codes = (q: string) => validate(schema, parse(q), rules).map((e) => [e.extensions.code, e.message]);

describe('query limits: objects asked for through pages', () => {
  it('lets a page of services with their first 100 tasks through', () => {
    expect(codes('{ services(first: 500) { items { id tasks { id } } } }')).toEqual([]);
    expect(codes('query($n: Int) { services(first: $n) { items { tasks(first: 199) { id } } } }')).toEqual([]);
  });

  it('refuses pages of pages beyond the limit, counting variables at the maximum and aliases each time', () => {
    const tooMany = [
      '{ services(first: 500) { items { tasks(first: 500) { id } } } }',
      'query($n: Int) { services(first: $n) { items { tasks(first: $n) { id } } } }',
      `{ ${Array.from({ length: 201 }, (_, i) => `a${i}: services(first: 500) { items { id } }`).join(' ')} }`,
      'fragment F on Service { tasks(first: 300) { id } } { services(first: 500) { items { ...F } } }',
      '{ services(first: 500) { items { ... on Service { tasks(first: 300) { id } } } } }',
    ];
    for (const q of tooMany) expect([q, codes(q)]).toEqual([q, [['QUERY_TOO_COMPLEX', expect.stringContaining('more than 100000 objects')]]]);
  });

  it('leaves a first out of range to the resolver, which names the argument', () => {
    expect(codes('{ services(first: 1000000) { items { id } } }')).toEqual([]);
  });
});
