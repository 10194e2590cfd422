import { describe, expect, it } from 'vitest';
import { membershipVerdict } from './node-membership';

const worker = { hostname: 'w1', role: 'WORKER', status: { state: 'READY' }, managerStatus: null };
const manager = (memberId: string) => ({ hostname: memberId, role: 'MANAGER', status: { state: 'READY' }, managerStatus: { memberId } });
const raft = (ids: string[], unreachable: string[] = []) => ({
  leader: ids[0],
  members: ids.map((id) => ({ id, role: id === ids[0] ? 'LEADER' : 'FOLLOWER', reachable: !unreachable.includes(id) })),
});

describe('membershipVerdict', () => {
  it('warns that a second manager adds no fault tolerance, and that a third does', () => {
    expect(membershipVerdict('promote', worker, raft(['m1'])).warning).toMatch(/With 2 managers, writes need 2 of them: .* tolerates the loss of 0/);
    expect(membershipVerdict('promote', worker, raft(['m1', 'm2'])).warning).toBe('With 3 managers, the cluster tolerates the loss of 1.');
    expect(membershipVerdict('promote', manager('m1'), raft(['m1'])).blocked).toMatch(/already a manager/);
    expect(membershipVerdict('promote', { ...worker, status: { state: 'DOWN' } }, raft(['m1'])).blocked).toMatch(/DOWN/);
  });

  it('refuses to demote the last manager or one whose removal loses the quorum; says the leader hands over first', () => {
    expect(membershipVerdict('demote', manager('m1'), raft(['m1'])).blocked).toMatch(/last manager/);
    expect(membershipVerdict('demote', manager('m1'), raft(['m1', 'm2', 'm3']))).toEqual({
      warning: 'm1 runs the leader: leadership is handed to another manager first. 2 managers will be left: losing any one of them stops the cluster.',
    });
    expect(membershipVerdict('demote', manager('m2'), raft(['m1', 'm2', 'm3'], ['m3'])).blocked).toBe(
      'Demoting m2 would leave 1 reachable of 2 managers, fewer than the 2 needed: the cluster would stop accepting writes.',
    );
    expect(membershipVerdict('demote', manager('m2'), raft(['m1', 'm2', 'm3'])).warning).toBe(
      '2 managers will be left: losing any one of them stops the cluster.',
    );
    expect(membershipVerdict('demote', manager('m2'), raft(['m1', 'm2'])).warning).toBe('1 manager will be left: losing it stops the cluster.');
    expect(membershipVerdict('demote', worker, raft(['m1'])).blocked).toMatch(/not a manager/);
  });

  it('asks for force to remove a ready node, and refuses a manager', () => {
    expect(membershipVerdict('remove', manager('m1'), raft(['m1'])).blocked).toMatch(/demote it first/);
    expect(membershipVerdict('remove', worker, raft(['m1']))).toMatchObject({ force: true, warning: expect.stringMatching(/is ready/) });
    expect(membershipVerdict('remove', { ...worker, status: { state: 'DOWN' } }, raft(['m1']))).not.toHaveProperty('force');
  });
});
