import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CapacityCard } from './capacity-card';

describe('CapacityCard', () => {
  it('gives the numbers as a table, per node and in total, with the bars hidden from screen readers', () => {
    const { container } = render(
      <MemoryRouter>
        <CapacityCard
          nodes={[{ id: 'n1', hostname: 'worker-1', description: { cpus: 2, memoryBytes: 1024 ** 3 } }]}
          services={[{ id: 's1', spec: { resources: { reservations: { nanoCpus: 5e8, memoryBytes: 256 * 1024 ** 2 } } } }]}
          tasks={[
            { serviceId: 's1', nodeId: 'n1', desiredState: 'RUNNING' },
            { serviceId: 's1', nodeId: 'n1', desiredState: 'RUNNING' },
          ]}
        />
      </MemoryRouter>,
    );
    const table = screen.getByRole('table');
    expect(within(table).getByRole('row', { name: /worker-1/ })).toHaveTextContent('1 CPU of 2 CPU (50%)512.0 MiB of 1.0 GiB (50%)');
    expect(within(table).getByRole('row', { name: /All nodes/ })).toHaveTextContent('1 CPU of 2 CPU (50%)');
    expect([...container.querySelectorAll('svg')].every((svg) => svg.getAttribute('aria-hidden') === 'true')).toBe(true);
  });
});
