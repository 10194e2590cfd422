import { useEffect, useState, type ReactNode } from 'react';
import { Badge } from '../../components/state-badge';
import { SLOT_LABELS, summarize, type RolloutInput, type SlotState } from '../../model/rollout';
import type { Tone } from '../../model/task-state';

const SLOT_TONES: Record<SlotState, Tone> = { UPDATED: 'ok', STARTING: 'progress', FAILED: 'bad', OUTDATED: 'idle', EMPTY: 'idle' };

/** The clock, ticking every second while `ticking`. */
function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

/** A rolling update as it happens: slots moving from the old spec to the new, failures against the allowed, the monitor countdown. */
export function RolloutPanel({ status, actions }: { status: RolloutInput; actions?: ReactNode }) {
  const now = useNow(Boolean(status.monitorUntil));
  const s = summarize(status, now);
  return (
    <section className="panel rollout" aria-labelledby="rollout-title">
      <h2 id="rollout-title">
        {s.title} <Badge tone={s.tone}>{status.state}</Badge>
      </h2>
      <p aria-live="polite">{status.message}</p>
      {s.inProgress && (
        <>
          <ul className="counts" aria-label="Slots by spec">
            {(Object.keys(SLOT_LABELS) as SlotState[])
              .filter((k) => s.counts[k] > 0 || k === 'UPDATED' || k === 'OUTDATED')
              .map((k) => (
                <li key={k}>
                  {s.counts[k]} {SLOT_LABELS[k]}
                </li>
              ))}
          </ul>
          <ol className="rollout-slots" aria-label="Slots">
            {status.slots.map((slot) => (
              <li key={slot.slot} className={`badge badge-${SLOT_TONES[slot.state]}`}>
                {`Slot ${slot.slot}: ${SLOT_LABELS[slot.state]}`}
              </li>
            ))}
          </ol>
          <p>
            Failures: <strong className={s.overLimit ? 'error' : undefined}>{s.failures}</strong>
            {s.secondsLeft !== null && <span>{` · completes in ${s.secondsLeft} s unless a new task fails (monitor period)`}</span>}
          </p>
        </>
      )}
      {actions}
    </section>
  );
}
