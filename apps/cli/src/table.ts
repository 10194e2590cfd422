export type Format = 'table' | 'json';
export type Row = Record<string, string | number | boolean | null | undefined>;

/** Aligned columns, docker-style: headers are keys upper-cased, cells padded, 3 spaces apart. */
export function formatTable(rows: Row[], columns: [header: string, key: string][]): string {
  const cells = rows.map((r) => columns.map(([, k]) => (r[k] === null || r[k] === undefined ? '' : String(r[k]))));
  const headers = columns.map(([h]) => h);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (cs: string[]) =>
    cs
      .map((c, i) => (i === cs.length - 1 ? c : c.padEnd(widths[i])))
      .join('   ')
      .trimEnd();
  return [headers, ...cells].map(line).join('\n') + '\n';
}

/** `Key:   value` lines for one object, keys aligned. */
export function formatFields(fields: [string, string | number | null | undefined][]): string {
  const width = Math.max(...fields.map(([k]) => k.length)) + 1;
  return fields.map(([k, v]) => `${`${k}:`.padEnd(width)} ${v ?? ''}`.trimEnd()).join('\n') + '\n';
}

export const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export function printRows(rows: Row[], columns: [string, string][], format: Format, raw: unknown = rows): void {
  process.stdout.write(format === 'json' ? json(raw) : formatTable(rows, columns));
}
