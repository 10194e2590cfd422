import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { UsageQuery } from '../graphql/metrics.queries';
import { formatBytes } from '../model/format';
import { UsagePoint, UsageSampleData, describeUsage, pct, polyline, toPoints } from '../model/usage-series';
import { ApiError } from './api-error';

/** The window the card shows, and how often it asks for new samples. */
const WINDOW_MS = 10 * 60_000;
const POLL_MS = 5000;
const W = 300;
const H = 80;

/**
 * Dashboard card: CPU and memory over the last ten minutes for the cluster and for each
 * node, polled every five seconds. Each chart has a sentence as its text alternative, and
 * a table gives the latest figures node by node.
 */
export function UsageCard() {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), POLL_MS);
    return () => clearInterval(timer);
  }, []);
  const since = new Date(now - WINDOW_MS).toISOString();
  const [{ data, error }] = useQuery({ query: UsageQuery, variables: { since }, requestPolicy: 'network-only' });
  const from = now - WINDOW_MS;
  const cluster = data?.clusterMetrics;
  return (
    <section className="card usage-card" aria-labelledby="usage-card">
      <h2 id="usage-card">CPU and memory</h2>
      <ApiError error={error} />
      {cluster?.status === 'UNAVAILABLE' && (
        <p role="status">History is unavailable: the managers cannot reach Redis. The cluster keeps running; the charts resume when Redis is back.</p>
      )}
      {data && (
        <>
          <UsageChart title="Cluster" points={toPoints(cluster?.samples ?? [])} latest={cluster?.samples.at(-1)} from={from} to={now} />
          {data.nodes.items.map((n) => (
            <UsageChart key={n.id} title={n.hostname} points={toPoints(n.metrics)} latest={n.usage} from={from} to={now} />
          ))}
          <UsageTable nodes={data.nodes.items} />
        </>
      )}
    </section>
  );
}

function UsageChart(props: { title: string; points: UsagePoint[]; latest: UsageSampleData | null | undefined; from: number; to: number }) {
  const summary = describeUsage(props.points, props.latest);
  return (
    <figure className="usage-chart">
      <figcaption>
        <strong>{props.title}</strong> <span className="muted">{summary}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" height={H} role="img" aria-label={`${props.title}: ${summary}`} preserveAspectRatio="none">
        <rect x="0" y="0" width={W} height={H} className="usage-frame" />
        <polyline points={polyline(props.points, 'cpu', props.from, props.to, W, H)} className="usage-cpu" />
        <polyline points={polyline(props.points, 'memory', props.from, props.to, W, H)} className="usage-memory" />
      </svg>
      <div className="usage-axis muted" aria-hidden="true">
        <span>10 minutes ago</span>
        <span>100 % at the top</span>
        <span>now</span>
      </div>
    </figure>
  );
}

function UsageTable({ nodes }: { nodes: { id: string; hostname: string; usage: UsageSampleData | null }[] }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="muted">
          Latest per node (<span className="usage-cpu-key">CPU</span> and <span className="usage-memory-key">memory</span> in the charts, 0–100 %)
        </caption>
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">CPU</th>
            <th scope="col">Memory</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => (
            <tr key={n.id}>
              <th scope="row">{n.hostname}</th>
              <td>{n.usage ? pct(n.usage.cpuPercent) : '—'}</td>
              <td>{n.usage ? `${formatBytes(n.usage.memoryUsedBytes)} of ${formatBytes(n.usage.memoryTotalBytes)}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
