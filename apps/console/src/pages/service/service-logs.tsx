import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { CombinedError, useClient } from 'urql';
import { ApiError } from '../../components/api-error';
import { ServiceLogsSubscription } from '../../graphql/logs.subscription';
import { KEEP_LINES, append, emptyBuffer, filterLines, newestTimestamp, taskPrefix, toText, type LogBuffer } from '../../model/log-buffer';

/** Lines of each task shown when following starts. */
const TAIL = 200;
/** How long a broken follow (a leader change, a dropped socket) waits before resuming. */
export const RESUME_MS = 2000;

/**
 * A service's logs, every task's lines merged with their `service.slot.task@node`
 * prefix. Following streams new lines and keeps the view at the bottom; the search
 * filters what is kept (the last KEEP_LINES lines); the download saves them as text.
 * A follow that breaks resumes by itself from the newest line kept (`since`), and the
 * lines that come again are left out (model/log-buffer.ts).
 */
export function ServiceLogs({ serviceId, serviceName, keep = KEEP_LINES }: { serviceId: string; serviceName: string; keep?: number }) {
  const client = useClient();
  const [follow, setFollow] = useState(true);
  const [search, setSearch] = useState('');
  const [buffer, setBuffer] = useState<LogBuffer>(emptyBuffer);
  const [error, setError] = useState<CombinedError | undefined>();
  /** Bumped to subscribe again after a follow broke. */
  const [attempt, setAttempt] = useState(0);
  const current = useRef(buffer);
  current.current = buffer;
  const view = useRef<HTMLDivElement>(null);

  // A new service, or following turned on: start afresh from the last TAIL lines.
  useEffect(() => {
    if (!follow) return;
    current.current = emptyBuffer;
    setBuffer(emptyBuffer);
    setError(undefined);
  }, [serviceId, follow]);

  useEffect(() => {
    if (!follow) return;
    const since = newestTimestamp(current.current);
    const variables = since ? { service: serviceId, follow: true, since } : { service: serviceId, follow: true, tail: TAIL };
    let retry: ReturnType<typeof setTimeout> | undefined;
    const subscription = client.subscription(ServiceLogsSubscription, variables).subscribe((result) => {
      if (result.error) {
        setError(result.error);
        retry ??= setTimeout(() => setAttempt((a) => a + 1), RESUME_MS);
        return;
      }
      const batch = result.data?.serviceLogs;
      if (!batch) return;
      setError(undefined);
      setBuffer((b) => append(b, batch.lines, batch.skipped, keep));
    });
    return () => {
      clearTimeout(retry);
      subscription.unsubscribe();
    };
  }, [client, serviceId, follow, keep, attempt]);

  const shown = filterLines(buffer.lines, serviceName, search);
  useLayoutEffect(() => {
    if (follow && view.current) view.current.scrollTop = view.current.scrollHeight;
  }, [follow, shown]);

  const download = (): void => {
    const url = URL.createObjectURL(new Blob([toText(shown, serviceName)], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${serviceName}-logs.txt`;
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <section aria-labelledby="logs-heading">
      <h2 id="logs-heading">Logs</h2>
      <div className="filters">
        <div className="field">
          <label htmlFor="logs-search">Search</label>
          <input id="logs-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="text, slot, task or node" />
        </div>
        <label className="check">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
        </label>
        <button type="button" className="button button-quiet" onClick={download} disabled={shown.length === 0}>
          Download .txt
        </button>
      </div>
      <ApiError error={error} />
      <p className="muted" aria-live="polite">
        {follow ? 'Live. ' : 'Paused. '}
        {`Showing ${shown.length} of ${buffer.lines.length} lines`}
        {buffer.dropped > 0 ? `; ${buffer.dropped} older lines not kept` : ''}.
      </p>
      <div className="log-view" role="log" aria-label={`Logs of ${serviceName}`} tabIndex={0} ref={view}>
        {shown.map((l, i) => (
          <div key={i} className={l.stream === 'STDERR' ? 'log-line log-stderr' : 'log-line'} title={l.timestamp}>
            <span className="log-prefix">{taskPrefix(serviceName, l)} |</span> {l.text}
          </div>
        ))}
      </div>
    </section>
  );
}
