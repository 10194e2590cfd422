import { screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { renderWithApi } from '../../testing/with-api';
import { NodeMembership } from './node-membership';

const answer = (node: { role: string; desiredRole: string; roleMessage: string | null; managerStatus: unknown }) => () => ({
  data: {
    node: { id: 'n2', hostname: 'worker-2', status: { state: 'READY' }, ...node },
    cluster: { raft: { leader: 'm1', members: [{ id: 'm1', role: 'LEADER', reachable: true }] } },
  },
});

describe('NodeMembership', () => {
  it('says what the leader does to bring the node to the role asked for, until it has it', async () => {
    renderWithApi(
      <MemoryRouter>
        <NodeMembership id="n2" />
      </MemoryRouter>,
      answer({ role: 'WORKER', desiredRole: 'MANAGER', roleMessage: 'its agent is starting a manager that joins the cluster', managerStatus: null }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent('Becoming a manager: its agent is starting a manager that joins the cluster');
  });

  it('says nothing of the kind once the roles agree', async () => {
    renderWithApi(
      <MemoryRouter>
        <NodeMembership id="n2" />
      </MemoryRouter>,
      answer({ role: 'WORKER', desiredRole: 'WORKER', roleMessage: null, managerStatus: null }),
    );
    await screen.findByText('No manager runs on this host.');
    expect(screen.queryByRole('status')).toBeNull();
  });
});
