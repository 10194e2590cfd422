import { useState } from 'react';
import { membershipVerdict, type MembershipAction, type MembershipNode, type MembershipRaft } from '../../model/node-membership';

const LABELS: Record<MembershipAction, { button: string; question: (host: string) => string; confirm: string }> = {
  promote: { button: 'Promote to manager', question: (h) => `Promote ${h}? Its agent starts a manager that joins the others.`, confirm: 'Yes, promote' },
  demote: { button: 'Demote to worker', question: (h) => `Demote ${h}? Its manager leaves Raft and is stopped.`, confirm: 'Yes, demote' },
  remove: { button: 'Remove node', question: (h) => `Remove ${h} from the cluster?`, confirm: 'Yes, remove' },
};

interface Props {
  node: MembershipNode;
  raft: MembershipRaft;
  /** Runs the action; resolves to the error to show next to the button, if any. */
  run: (action: MembershipAction, force: boolean) => Promise<string | undefined>;
}

/**
 * Promote, demote and remove, each asking once more in the page with what it does to the
 * managers' quorum; an action the manager would refuse says why and cannot be confirmed.
 */
export function MembershipActions({ node, raft, run }: Props) {
  const [asking, setAsking] = useState<MembershipAction | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const verdict = asking ? membershipVerdict(asking, node, raft) : undefined;

  const ask = (action: MembershipAction): void => {
    setAsking(action);
    setError(undefined);
  };
  const confirm = async (): Promise<void> => {
    if (!asking) return;
    setBusy(true);
    const failure = await run(asking, verdict?.force === true);
    setBusy(false);
    setError(failure);
    if (!failure) setAsking(undefined);
  };

  return (
    <>
      <div className="actions">
        {(['promote', 'demote', 'remove'] as const).map((a) => (
          <button key={a} type="button" className={a === 'remove' ? 'button-danger' : undefined} aria-expanded={asking === a} onClick={() => ask(a)}>
            {LABELS[a].button}
          </button>
        ))}
      </div>
      {asking && verdict && (
        <div className="confirm" role="group" aria-labelledby="membership-question">
          <p id="membership-question">{LABELS[asking].question(node.hostname)}</p>
          {verdict.blocked && (
            <p className="error" role="alert">
              {verdict.blocked}
            </p>
          )}
          {verdict.warning && <p role="note">{verdict.warning}</p>}
          <button type="button" className="button-danger" disabled={busy || verdict.blocked !== undefined} onClick={() => void confirm()}>
            {LABELS[asking].confirm} {node.hostname}
          </button>{' '}
          <button type="button" className="button-quiet" onClick={() => setAsking(undefined)}>
            Cancel
          </button>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </>
  );
}
