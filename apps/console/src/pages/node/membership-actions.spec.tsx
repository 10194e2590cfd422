import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { MembershipActions } from './membership-actions';

const worker = { hostname: 'w1', role: 'WORKER', status: { state: 'READY' }, managerStatus: null };
const follower = { hostname: 'm2', role: 'MANAGER', status: { state: 'READY' }, managerStatus: { memberId: 'm2' } };
const raft = (ids: string[], unreachable: string[] = []) => ({
  leader: ids[0],
  members: ids.map((id) => ({ id, role: id === ids[0] ? 'LEADER' : 'FOLLOWER', reachable: !unreachable.includes(id) })),
});

describe('MembershipActions', () => {
  it('warns before a promotion that leaves two managers, and runs it once confirmed', async () => {
    const run = vi.fn().mockResolvedValue(undefined);
    render(<MembershipActions node={worker} raft={raft(['m1'])} run={run} />);
    await userEvent.click(screen.getByRole('button', { name: 'Promote to manager' }));
    const group = screen.getByRole('group', { name: /Promote w1\?/ });
    expect(within(group).getByRole('note')).toHaveTextContent(/With 2 managers, writes need 2 of them/);
    await userEvent.click(within(group).getByRole('button', { name: 'Yes, promote w1' }));
    expect(run).toHaveBeenCalledWith('promote', false);
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
  });

  it('will not demote a manager when the quorum would be lost, and says why', async () => {
    const run = vi.fn();
    render(<MembershipActions node={follower} raft={raft(['m1', 'm2', 'm3'], ['m3'])} run={run} />);
    await userEvent.click(screen.getByRole('button', { name: 'Demote to worker' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Demoting m2 would leave 1 reachable of 2 managers, fewer than the 2 needed');
    expect(screen.getByRole('button', { name: 'Yes, demote m2' })).toBeDisabled();
    expect(run).not.toHaveBeenCalled();
  });

  it('removes a ready node with force and shows the manager’s refusal next to the button', async () => {
    const run = vi.fn().mockResolvedValue('node w1 is READY and cannot be removed');
    render(<MembershipActions node={worker} raft={raft(['m1'])} run={run} />);
    await userEvent.click(screen.getByRole('button', { name: 'Remove node' }));
    expect(screen.getByRole('note')).toHaveTextContent(/w1 is ready: removing it anyway/);
    await userEvent.click(screen.getByRole('button', { name: 'Yes, remove w1' }));
    expect(run).toHaveBeenCalledWith('remove', true);
    expect(screen.getByRole('alert')).toHaveTextContent('node w1 is READY and cannot be removed');
  });
});
