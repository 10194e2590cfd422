import { placementReport } from './report';
import { node } from './testing/nodes';

describe('placementReport', () => {
  it('lists, node by node, every filter that rejects one more task and why', () => {
    const nodes = [node('a', { labels: { zone: 'eu' } }), node('b', { availability: 'DRAIN', cpus: 1 }), node('c', { labels: { zone: 'eu' } })];
    const placed = [{ nodeId: 'c', serviceId: 'web', hostPorts: ['80/tcp'] }];
    const report = placementReport({
      nodes,
      placed,
      task: { id: 't', serviceId: 'web', hostPorts: ['80/tcp'], reservations: { nanoCpus: 2e9 }, placement: { constraints: ['node.labels.zone==eu'] } },
    });
    expect(report).toEqual([
      { nodeId: 'a', hostname: 'host-a', eligible: true, rejections: [] },
      {
        nodeId: 'b',
        hostname: 'host-b',
        eligible: false,
        rejections: [
          { filter: 'availability', reason: 'node is drained' },
          { filter: 'constraint', reason: 'node fails constraint node.labels.zone==eu', detail: 'node.labels.zone is not set' },
          { filter: 'resources', reason: 'node has 1 CPU free, 2 needed', detail: '0 of 1 reserved' },
        ],
      },
      { nodeId: 'c', hostname: 'host-c', eligible: false, rejections: [{ filter: 'host-port', reason: 'node already publishes port 80/tcp' }] },
    ]);
  });
});
