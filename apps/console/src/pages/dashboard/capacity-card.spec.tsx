import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CapacityCard } from './capacity-card';

describe('CapacityCard', () => {
  it('gives the numbers as a table, per node and in total, with the bars hidden from screen readers', () => {
    const { container } = render(
      <MemoryRouter>
        <CapacityCard
          nodes={[
            { id: 'n1', description: { hostname: 'worker-1', cpus: 2, memoryBytes: 1024 ** 3 }, reserved: { nanoCpus: 1e9, memoryBytes: 512 * 1024 ** 2 } },
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
