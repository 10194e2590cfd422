import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PlacementReport } from './placement-report';

const report = {
  summary: 'no suitable node (2 nodes: 1 node is drained, 1 node fails constraint node.labels.zone==eu (node.labels.zone is not set))',
  nodes: [
    { nodeId: 'n1', hostname: 'alpha', eligible: false, reasons: ['availability: node is drained'] },
    { nodeId: 'n2', hostname: 'beta', eligible: false, reasons: ['constraint: node fails constraint node.labels.zone==eu (node.labels.zone is not set)'] },
  ],
};

describe('PlacementReport', () => {
  it('says how many tasks wait, why in a sentence, and why node by node', () => {
    render(<PlacementReport report={report} pending={3} />);
    const region = screen.getByRole('region', { name: '3 tasks wait for a node' });
    expect(within(region).getByText(report.summary)).toBeInTheDocument();
    const items = within(region)
      .getAllByRole('listitem')
      .filter((li) => li.querySelector('strong'));
    expect(items.map((li) => li.textContent)).toEqual([
      'alpha: cannot take a taskavailability: node is drained',
      'beta: cannot take a taskconstraint: node fails constraint node.labels.zone==eu (node.labels.zone is not set)',
    ]);
  });

  it('shows nothing while no task is pending', () => {
    const { container } = render(<PlacementReport report={report} pending={0} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('explains a pending task some node can take', () => {
    render(<PlacementReport report={{ summary: null, nodes: [{ nodeId: 'n1', hostname: 'alpha', eligible: true, reasons: [] }] }} pending={1} />);
    expect(screen.getByRole('heading', { name: '1 task waits for a node' })).toBeInTheDocument();
    expect(screen.getByText(/scheduler places it on its next pass/)).toBeInTheDocument();
    expect(screen.getByText('alpha')).toBeInTheDocument();
  });
});
