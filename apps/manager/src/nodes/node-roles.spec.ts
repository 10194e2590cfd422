import type { NodeObject } from '../store/objects';
import { desiredRoleOf, roleOf } from './node-roles';

const node = (id: string, role: 'MANAGER' | 'WORKER', managerMemberId?: string): NodeObject =>
  ({ id, role, description: { hostname: id, managerMemberId } }) as unknown as NodeObject;

describe('node roles', () => {
  const membership = { voters: ['m1', 'm2'], learners: ['m3'] };

  it('makes a node a MANAGER only while the manager on its host votes', () => {
    expect(roleOf(node('a', 'WORKER', 'm1'), membership)).toBe('MANAGER');
    expect(roleOf(node('b', 'WORKER', 'm3'), membership)).toBe('WORKER'); // a learner still catching up
    expect(roleOf(node('c', 'MANAGER', 'm9'), membership)).toBe('WORKER'); // removed from Raft
    expect(roleOf(node('d', 'WORKER'), membership)).toBe('WORKER');
  });

  it('heads for the role it was asked for, else MANAGER while the manager on its host is a member', () => {
    expect(desiredRoleOf({ ...node('a', 'WORKER', 'm1'), desiredRole: 'WORKER' }, membership)).toBe('WORKER');
    expect(desiredRoleOf(node('a', 'WORKER', 'm1'), membership)).toBe('MANAGER');
    expect(desiredRoleOf(node('b', 'WORKER', 'm3'), membership)).toBe('MANAGER'); // a learner joining by hand
    expect(desiredRoleOf(node('c', 'MANAGER', 'm9'), membership)).toBe('WORKER');
    expect(desiredRoleOf({ ...node('d', 'WORKER'), desiredRole: 'MANAGER' }, membership)).toBe('MANAGER');
  });
});
