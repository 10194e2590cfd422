/** One line of a service's logs, as the API sends it. */
export interface LogLine {
  taskId: string;
  slot: number;
  hostname: string;
  stream: 'STDOUT' | 'STDERR';
  timestamp: string;
  text: string;
}

/** Lines the Logs section keeps in memory; older ones leave as new ones come. */
export const KEEP_LINES = 2000;

export interface LogBuffer {
  lines: readonly LogLine[];
  /** Lines that left the buffer (or that the manager skipped) since it was cleared. */
  dropped: number;
  /** Per task, the newest timestamp seen and the texts seen at it: what a resumed stream sends again. */
  newest: Readonly<Record<string, { timestamp: string; texts: readonly string[] }>>;
}

export const emptyBuffer: LogBuffer = { lines: [], dropped: 0, newest: {} };

/**
 * Orders two RFC 3339 timestamps with nanoseconds as Docker writes them (trailing zeros
 * of the fraction trimmed, so the strings do not sort as text).
 */
export function compareTimestamps(a: string, b: string): number {
  const split = (t: string): [string, string] => {
    const m = /^([^.Z]+)(?:\.(\d+))?Z$/.exec(t);
    return m ? [m[1], (m[2] ?? '').padEnd(9, '0')] : [t, ''];
  };
  const [sa, fa] = split(a);
  const [sb, fb] = split(b);
  return sa < sb ? -1 : sa > sb ? 1 : fa < fb ? -1 : fa > fb ? 1 : 0;
}

/** The newest timestamp of any line kept: where a follow that broke resumes (`since`). */
export function newestTimestamp(buffer: LogBuffer): string | undefined {
  let newest: string | undefined;
  for (const n of Object.values(buffer.newest)) if (newest === undefined || compareTimestamps(n.timestamp, newest) > 0) newest = n.timestamp;
  return newest;
}

/**
 * Adds a batch, keeping only the last `keep` lines. A line a task already sent (older
 * than its newest, or the same text at that time) is a repeat from a resumed or
 * resent stream, and is left out.
 */
export function append(buffer: LogBuffer, received: readonly LogLine[], skipped = 0, keep = KEEP_LINES): LogBuffer {
  const newest: Record<string, { timestamp: string; texts: readonly string[] }> = { ...buffer.newest };
  const batch = received.filter((l) => {
    const seen = newest[l.taskId];
    const order = seen ? compareTimestamps(l.timestamp, seen.timestamp) : 1;
    if (order < 0 || (order === 0 && seen?.texts.includes(l.text))) return false;
    newest[l.taskId] = order === 0 && seen ? { timestamp: seen.timestamp, texts: [...seen.texts, l.text] } : { timestamp: l.timestamp, texts: [l.text] };
    return true;
  });
  const all = buffer.lines.length + batch.length;
  if (all <= keep) return { lines: [...buffer.lines, ...batch], dropped: buffer.dropped + skipped, newest };
  const lines = [...buffer.lines.slice(Math.max(0, buffer.lines.length - keep)), ...batch].slice(-keep);
  return { lines, dropped: buffer.dropped + skipped + (all - lines.length), newest };
}

/** `web.2.q2x…@node-1`, as `shoal service logs` and docker prefix a line. */
export const taskPrefix = (serviceName: string, l: LogLine): string => `${serviceName}.${l.slot}.${l.taskId}@${l.hostname}`;

/** Lines whose text or prefix contains the search, ignoring case; all for an empty one. */
export function filterLines(lines: readonly LogLine[], serviceName: string, search: string): readonly LogLine[] {
  const needle = search.trim().toLowerCase();
  if (!needle) return lines;
  return lines.filter((l) => l.text.toLowerCase().includes(needle) || taskPrefix(serviceName, l).toLowerCase().includes(needle));
}

/** The download: one `prefix | timestamp text` line each, as `shoal service logs -t` prints them. */
export function toText(lines: readonly LogLine[], serviceName: string): string {
  return lines.map((l) => `${taskPrefix(serviceName, l)} | ${l.timestamp} ${l.text}\n`).join('');
}
