import { useState } from 'react';
import { EventList, describeEvent } from '../components/event-list';
import { PageTitle } from '../components/page-title';
import { useLive } from '../live/live-context';

const KINDS = ['ALL', 'SERVICE', 'TASK', 'NODE', 'CLUSTER'] as const;

export default function EventsPage() {
  const { events, connection } = useLive();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('ALL');
  const [text, setText] = useState('');
  const needle = text.trim().toLowerCase();
  const shown = events.filter((e) => (kind === 'ALL' || e.kind === kind) && (needle === '' || describeEvent(e).toLowerCase().includes(needle)));
  return (
    <>
      <PageTitle>Events</PageTitle>
      <p className="muted">
        Changes to nodes, services and tasks as the managers apply them {connection === 'live' ? '(live)' : '(reconnecting)'}. Showing {shown.length} of{' '}
        {events.length}.
      </p>
      <div className="filters">
        <div className="field">
          <label htmlFor="event-kind">Kind</label>
          <select id="event-kind" value={kind} onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {k === 'ALL' ? 'All kinds' : k.toLowerCase()}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="event-search">Search</label>
          <input id="event-search" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="service name, state…" />
        </div>
      </div>
      <EventList events={shown} />
    </>
  );
}
