/**
 * A progress bar like docker's `overall progress` one: `[=====>    ] 3/5`. Past the total
 * (more running than wanted, while an old task stops) it stays full.
 */
export function progressBar(done: number, total: number, width = 20): string {
  const share = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
  const filled = Math.round(share * width);
  const bar = filled >= width ? '='.repeat(width) : `${'='.repeat(filled)}>${' '.repeat(width - filled - 1)}`;
  return `[${bar}] ${done}/${total}`;
}
