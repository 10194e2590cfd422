/** Prints rows as an aligned table, docker-style, or as JSON for scripts. */
export function print(rows: Record<string, string | number>[], headers: string[], format: 'table' | 'json'): void {
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const keys = headers.map((h) => h.toLowerCase().replace(/ /g, ''));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[keys[i]] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('   ');
  process.stdout.write(`${line(headers)}\n`);
  for (const r of rows) process.stdout.write(`${line(keys.map((k) => String(r[k] ?? '')))}\n`);
}
