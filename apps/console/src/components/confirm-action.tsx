import { useId, useState, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { ApiError } from './api-error';

interface Props {
  /** The button that asks (and its accessible name, when the text alone is ambiguous). */
  label: string;
  labelAria?: string;
  /** What is asked, shown in the page; without it the group is named by `groupLabel`. */
  question?: ReactNode;
  groupLabel?: string;
  confirmLabel: string;
  danger?: boolean;
  /** Does it; an error keeps the question open with the manager's answer under it. */
  run: () => Promise<{ error?: CombinedError }>;
}

/**
 * An action that asks once more, in the page rather than a browser dialog, so it works
 * the same with a keyboard and a screen reader.
 */
export function ConfirmAction({ label, labelAria, question, groupLabel, confirmLabel, danger = false, run }: Props) {
  const questionId = useId();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CombinedError | undefined>();
  const className = danger ? 'button-danger' : undefined;

  const confirm = async (): Promise<void> => {
    setBusy(true);
    const r = await run();
    setBusy(false);
    setError(r.error);
    if (!r.error) setConfirming(false);
  };

  if (!confirming)
    return (
      <button type="button" className={className} onClick={() => setConfirming(true)} aria-label={labelAria}>
        {label}
      </button>
    );
  return (
    <div className="confirm" role="group" {...(question ? { 'aria-labelledby': questionId } : { 'aria-label': groupLabel })}>
      {question && <p id={questionId}>{question}</p>}
      <button type="button" className={className} disabled={busy} onClick={() => void confirm()}>
        {confirmLabel}
      </button>{' '}
      <button type="button" className="button-quiet" onClick={() => setConfirming(false)}>
        Cancel
      </button>
      <ApiError error={error} />
    </div>
  );
}
