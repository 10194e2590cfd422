import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { type GraphQLSchema, getNullableType, isListType } from 'graphql';
import { ruleOf } from '../auth/allow.decorator';
import type { Rule } from '../auth/roles';
import { RESOLVERS } from './resolvers';

const RESOLVER_TYPE = 'graphql:resolver_type';
const RESOLVER_NAME = 'graphql:resolver_name';

/** Root operation "Query.cluster" → the @Allow rule on the method that resolves it. */
function rulesByOperation(): Map<string, Rule | undefined> {
  const rules = new Map<string, Rule | undefined>();
  for (const resolver of RESOLVERS) {
    const proto = resolver.prototype as unknown as Record<string, unknown>;
    for (const key of Object.getOwnPropertyNames(proto)) {
      const method = proto[key];
      if (typeof method !== 'function') continue;
      const type = Reflect.getMetadata(RESOLVER_TYPE, method) as string | undefined;
      if (type !== 'Query' && type !== 'Mutation' && type !== 'Subscription') continue;
      const name = (Reflect.getMetadata(RESOLVER_NAME, method) as string | undefined) ?? key;
      rules.set(`${type}.${name}`, ruleOf(method));
    }
  }
  return rules;
}

describe('access rules', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
    await app.init();
    schema = await app.get(GraphQLSchemaFactory).create(RESOLVERS);
    await app.close();
  });

  it('gives every query, mutation and subscription of the schema an explicit rule', () => {
    const rules = rulesByOperation();
    const operations = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((t) =>
      t ? Object.keys(t.getFields()).map((f) => `${t.name}.${f}`) : [],
    );
    expect(operations.length).toBeGreaterThan(20);
    const missing = operations.filter((op) => rules.get(op) === undefined);
    expect(missing).toEqual([]);
  });

  it('pages every top-level list: no query returns a bare list', () => {
    const query = schema.getQueryType()!;
    const lists = Object.values(query.getFields()).filter((f) => isListType(getNullableType(f.type)));
    expect(lists.map((f) => f.name)).toEqual([]);
    for (const name of ['nodes', 'services', 'tasks', 'tokens', 'users']) {
      const f = query.getFields()[name];
      expect([
        name,
        f.args
          .map((a) => a.name)
          .filter((a) => a === 'first' || a === 'after')
          .sort(),
      ]).toEqual([name, ['after', 'first']]);
    }
  });

  it('keeps secrets and identity administration for admins, and only login public', () => {
    const rules = rulesByOperation();
    const publicOps = [...rules].filter(([, r]) => r === 'PUBLIC').map(([op]) => op);
    expect(publicOps).toEqual(['Mutation.login']);
    for (const op of [
      'Query.users',
      'Mutation.createUser',
      'Mutation.updateUser',
      'Mutation.removeUser',
      'Query.auditLog',
      'Subscription.auditRecords',
      // Cluster membership: removing a node revokes its credentials; promote hands it the manager join token.
      'Mutation.removeNode',
      'Mutation.promoteNode',
      'Mutation.demoteNode',
      'Mutation.removeManager',
    ]) {
      expect([op, rules.get(op)]).toEqual([op, 'ADMIN']);
    }
    // A viewer changes nothing in the cluster: only its own session and password.
    const viewerMutations = [...rules].filter(([op, r]) => op.startsWith('Mutation.') && r === 'VIEWER').map(([op]) => op);
    expect(viewerMutations.sort()).toEqual(['Mutation.changePassword', 'Mutation.logout']);
    // Logs are for reading: any viewer may, on both the query and the subscription.
    expect([rules.get('Query.serviceLogs'), rules.get('Subscription.serviceLogs')]).toEqual(['VIEWER', 'VIEWER']);
  });
});
