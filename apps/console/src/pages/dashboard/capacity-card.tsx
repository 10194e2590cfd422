import { Link } from 'react-router';
import { capacityByNode, percent, type NodeCapacity } from '../../model/capacity';
import { formatBytes, formatCpus } from '../../model/format';

type Input = Parameters<typeof capacityByNode>;

/**
 * CPU and memory reserved against capacity, per node and in total. The table is the
 * content (what a screen reader reads); the bars are plain SVG drawn from the same
 * numbers, hidden from assistive technology. No chart library: two bars per row need
 * none (see docs/design/console.md).
 */
export function CapacityCard({ nodes }: { nodes: Input[0] }) {
  const { nodes: rows, total } = capacityByNode(nodes);
  return (
    <section className="card card-wide" aria-labelledby="capacity-card">
      <h2 id="capacity-card">CPU and memory reserved</h2>
      <p className="muted">What running tasks reserve of each node, as the scheduler counts it (not what they use).</p>
      <div className="table-wrap">
        <table className="capacity">
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">CPU reserved</th>
              <th scope="col">Memory reserved</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((n) => (
              <tr key={n.nodeId}>
                <th scope="row">
                  <Link to={`/nodes/${n.nodeId}`}>{n.hostname}</Link>
                </th>
                <Cells n={n} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">All nodes</th>
              <Cells n={total} />
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

function Cells({ n }: { n: NodeCapacity }) {
  return (
    <>
      <td>
        <Bar share={percent(n.nanoCpusReserved, n.nanoCpus)} />
        {formatCpus(n.nanoCpusReserved)} of {formatCpus(n.nanoCpus)} ({percent(n.nanoCpusReserved, n.nanoCpus)}%)
      </td>
      <td>
        <Bar share={percent(n.memoryReserved, n.memoryBytes)} />
        {formatBytes(n.memoryReserved)} of {formatBytes(n.memoryBytes)} ({percent(n.memoryReserved, n.memoryBytes)}%)
      </td>
    </>
  );
}

/** A 0-100 % bar; past 100 % (over-reserved) it is full and coloured as a problem. */
function Bar({ share }: { share: number }) {
  const tone = share > 100 ? 'bad' : share >= 80 ? 'warn' : 'ok';
  return (
    <svg className={`bar bar-${tone}`} viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect className="bar-track" width="100" height="6" />
      <rect className="bar-fill" width={Math.min(share, 100)} height="6" />
    </svg>
  );
}
