import type { ClusterEvent } from '../live/live-context';
import { formatTime } from '../model/format';

/** One line a person can read for an event: what changed and how it is now. */
export function describeEvent(e: ClusterEvent): string {
  const verb = e.action.toLowerCase();
  if (e.task) return `task ${e.task.serviceName}.${e.task.slot} ${verb}: ${e.task.status.state}${e.task.status.message ? ` (${e.task.status.message})` : ''}`;
  if (e.service) return `service ${e.service.name} ${verb}: ${e.service.replicas} replicas`;
  if (e.node) return `node ${e.node.hostname} ${verb}: ${e.node.status.state}, ${e.node.availability}`;
  return `${e.kind.toLowerCase()} ${verb}`;
}

export function EventList({ events }: { events: readonly ClusterEvent[] }) {
  if (events.length === 0) return <p className="muted">No events since this page opened.</p>;
  return (
    <ol className="events" aria-label="Events, newest first">
      {events.map((e) => (
        <li key={`${e.index}-${e.kind}-${e.id}`}>
          <time dateTime={e.at}>{formatTime(e.at)}</time> <span>{describeEvent(e)}</span>
        </li>
      ))}
    </ol>
  );
}
