import { useState } from 'react';

/** A new token's secret, shown this once: the manager keeps only its hash. */
export function NewTokenSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('Copied.');
    } catch {
      setCopied('Copying is not allowed here: select the token and copy it by hand.');
    }
  };
  return (
    <div className="panel panel-warning" role="group" aria-labelledby="new-token-heading">
      <h3 id="new-token-heading">Token {name} created</h3>
      <p>Copy it now: it is shown only this once.</p>
      <pre className="snippet" aria-label={`Secret of token ${name}`}>
        {secret}
      </pre>
      <button type="button" onClick={() => void copy()}>
        Copy token
      </button>{' '}
      <button type="button" className="button-quiet" onClick={onDone}>
        Done
      </button>{' '}
      {copied && (
        <span role="status" className="muted">
          {copied}
        </span>
      )}
    </div>
  );
}
