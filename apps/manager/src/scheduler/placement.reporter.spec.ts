import { StoreFixture } from '../testing/store.fixture';
import { PlacementReporter } from './placement.reporter';

describe('PlacementReporter', () => {
  let f: StoreFixture;
  beforeEach(async () => {
    f = await StoreFixture.open();
    await f.cluster();
  });
  afterEach(() => f.close());

  it("reports every node's rejections for one more task, and a summary when none fits", async () => {
    await f.node('a', { labels: { zone: 'eu' } });
    await f.node('b', { availability: 'DRAIN' });
    await f.service('web', { placement: { constraints: ['node.labels.zone==us'] }, resources: { reservations: { nanoCpus: 4e9 } } });
    const report = new PlacementReporter(f.store).report('web');
    expect(report.nodes).toEqual([
      {
        nodeId: 'a',
        hostname: 'host-a',
        eligible: false,
        reasons: [
          'constraint: node fails constraint node.labels.zone==us (node.labels.zone is "eu")',
          'resources: node has 2 CPU free, 4 needed (0 of 2 reserved)',
        ],
      },
      {
        nodeId: 'b',
        hostname: 'host-b',
        eligible: false,
        reasons: [
          'availability: node is drained',
          'constraint: node fails constraint node.labels.zone==us (node.labels.zone is not set)',
          'resources: node has 2 CPU free, 4 needed (0 of 2 reserved)',
        ],
      },
    ]);
    expect(report.summary).toBe('no suitable node (2 nodes: 1 node fails constraint node.labels.zone==us (node.labels.zone is "eu"); 1 node is drained)');
  });

  it('has no summary when a node can take a task', async () => {
    await f.node('a');
    await f.service('web');
    expect(new PlacementReporter(f.store).report('web')).toEqual({
      summary: undefined,
      nodes: [{ nodeId: 'a', hostname: 'host-a', eligible: true, reasons: [] }],
    });
  });
});
