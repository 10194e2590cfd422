import 'reflect-metadata';
import type { ExecutionContext } from '@nestjs/common';
import { ShoalError } from '../common/errors';
import type { AuditWriter } from '../audit/audit.writer';
import { Allow } from './allow.decorator';
import { AuthGuard } from './auth.guard';
import type { Authenticator } from './authenticator';
import type { GqlContext } from './gql-context';
import type { Principal } from './principal';

class Ops {
  @Allow('VIEWER') services(): void {}
  @Allow('OPERATOR') createService(): void {}
  @Allow('ADMIN') createUser(): void {}
  @Allow('PUBLIC') login(): void {}
  @Allow('ADMIN') joinTokens(): void {}
  unruled(): void {}
  tasks(): void {}
}

const as = (role: Principal['role']): Principal => ({ kind: 'TOKEN', id: 't', name: `${role.toLowerCase()}-token`, role });

function setup(principal: Principal | null) {
  const written: { operation: string; result: string; arguments: string }[] = [];
  const auth = { fromHeaders: () => principal, token: () => principal, session: () => principal } as unknown as Authenticator;
  const audit = {
    write: (p: { operation: string; arguments: string }, result: string) => Promise.resolve(void written.push({ ...p, result })),
  } as unknown as AuditWriter;
  const guard = new AuthGuard(auth, audit);
  let now = 1_000_000;
  guard.refusals.clock = () => now;
  const advance = (ms: number) => void (now += ms);
  const call = async (parent: string, field: keyof Ops, args: Record<string, unknown> = {}): Promise<string> => {
    const ctx: GqlContext = { req: { headers: {} } };
    const argsList = [{}, args, ctx, { parentType: { name: parent }, fieldName: field }];
    const host = {
      getType: () => 'graphql',
      getArgs: () => argsList,
      getArgByIndex: (i: number) => argsList[i],
      getClass: () => Ops,
      getHandler: () => Ops.prototype[field],
    } as unknown as ExecutionContext;
    try {
      return (await guard.canActivate(host)) ? 'ALLOWED' : 'DENIED';
    } catch (e) {
      return e instanceof ShoalError ? e.code : 'OTHER';
    }
  };
  return { call, written, advance };
}

describe('AuthGuard', () => {
  it('lets each role do what its rule allows, and no more', async () => {
    const viewer = setup(as('VIEWER'));
    expect(await viewer.call('Query', 'services')).toBe('ALLOWED');
    expect(await viewer.call('Mutation', 'createService')).toBe('FORBIDDEN');
    expect(await viewer.call('Cluster', 'joinTokens')).toBe('FORBIDDEN');
    const operator = setup(as('OPERATOR'));
    expect(await operator.call('Mutation', 'createService')).toBe('ALLOWED');
    expect(await operator.call('Mutation', 'createUser')).toBe('FORBIDDEN');
    const admin = setup(as('ADMIN'));
    expect(await admin.call('Mutation', 'createUser')).toBe('ALLOWED');
    expect(await admin.call('Cluster', 'joinTokens')).toBe('ALLOWED');
  });

  it('refuses a root operation without a rule, even to an admin', async () => {
    expect(await setup(as('ADMIN')).call('Query', 'unruled')).toBe('FORBIDDEN');
    // A field of an already authorised object needs no rule of its own.
    expect(await setup(as('VIEWER')).call('Service', 'tasks')).toBe('ALLOWED');
  });

  it('asks for credentials, except for public operations', async () => {
    const anon = setup(null);
    expect(await anon.call('Query', 'services')).toBe('UNAUTHENTICATED');
    expect(await anon.call('Mutation', 'login')).toBe('ALLOWED');
  });

  it('audits a mutation refused for its role, with secrets redacted; not a refused query', async () => {
    const operator = setup(as('OPERATOR'));
    await operator.call('Mutation', 'createUser', { input: { username: 'eve', password: 'sup3rsecret', role: 'ADMIN' } });
    await operator.call('Cluster', 'joinTokens');
    expect(operator.written).toHaveLength(1);
    expect(operator.written[0]).toMatchObject({ operation: 'createUser', result: 'FORBIDDEN', actor: { kind: 'TOKEN', name: 'operator-token' } });
    expect(operator.written[0].arguments).not.toContain('sup3rsecret');
  });

  it('audits refused mutations within a budget per principal, and refuses them all', async () => {
    const viewer = setup(as('VIEWER'));
    const answers: string[] = [];
    for (let i = 0; i < 100; i++) answers.push(await viewer.call('Mutation', 'createService'));
    expect(answers.every((a) => a === 'FORBIDDEN')).toBe(true);
    expect(viewer.written).toHaveLength(20);
    viewer.advance(30_000); // half a minute refills half the budget
    for (let i = 0; i < 20; i++) await viewer.call('Mutation', 'createService');
    expect(viewer.written).toHaveLength(30);
  });
});
