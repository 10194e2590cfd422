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
}

export const emptyBuffer: LogBuffer = { lines: [], dropped: 0 };

/** Adds a batch, keeping only the last `keep` lines. */
export function append(buffer: LogBuffer, batch: readonly LogLine[], skipped = 0, keep = KEEP_LINES): LogBuffer {
  const all = buffer.lines.length + batch.length;
  if (all <= keep) return { lines: [...buffer.lines, ...batch], dropped: buffer.dropped + skipped };
  const lines = [...buffer.lines.slice(Math.max(0, buffer.lines.length - keep)), ...batch].slice(-keep);
  return { lines, dropped: buffer.dropped + skipped + (all - lines.length) };
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
