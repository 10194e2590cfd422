export function Labels({ labels }: { labels: readonly { key: string; value: string }[] }) {
  if (labels.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="labels">
      {labels.map((l) => (
        <li key={l.key}>
          <code>
            {l.key}={l.value}
          </code>
        </li>
      ))}
    </ul>
  );
}
