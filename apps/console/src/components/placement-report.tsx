interface NodePlacement {
  nodeId: string;
  hostname: string;
  eligible: boolean;
  reasons: readonly string[];
}

interface Props {
  report: { summary: string | null; nodes: readonly NodePlacement[] };
  /** Tasks of the service waiting for a node. */
  pending: number;
}

/** Why tasks are pending, node by node (Service.placement). Shows nothing while no task waits. */
export function PlacementReport({ report, pending }: Props) {
  if (pending === 0) return null;
  return (
    <section className="panel panel-warning" aria-labelledby="placement-heading">
      <h2 id="placement-heading">
        {pending} {pending === 1 ? 'task waits' : 'tasks wait'} for a node
      </h2>
      <p>{report.summary ?? 'Some node can take a task now; the scheduler places it on its next pass.'}</p>
      {report.nodes.length === 0 ? (
        <p>The cluster has no nodes.</p>
      ) : (
        <ul className="placement-nodes">
          {report.nodes.map((n) => (
            <li key={n.nodeId}>
              <strong>{n.hostname}</strong>: {n.eligible ? 'can take a task' : 'cannot take a task'}
              {n.reasons.length > 0 && (
                <ul>
                  {n.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
