import { badInput } from '../common/errors';

/** Window used when a history query gives no `since`. */
export const DEFAULT_WINDOW_MS = 15 * 60_000;
const SLACK_MS = 60_000;

/** `since` of a history query, checked: an ISO time within the retention window. */
export function sinceMs(since: string | null | undefined, retentionSeconds: number, now = Date.now()): number {
  if (since === null || since === undefined) return now - Math.min(DEFAULT_WINDOW_MS, retentionSeconds * 1000);
  const t = /^\d{4}-\d{2}-\d{2}T/.test(since) ? Date.parse(since) : NaN;
  if (Number.isNaN(t)) throw badInput('since', 'must be an ISO 8601 time such as 2026-11-30T08:00:00Z');
  if (t < now - retentionSeconds * 1000 - SLACK_MS)
    throw badInput('since', `must be within the last ${retentionSeconds} s: older samples are not kept (SHOAL_METRICS_RETENTION_S)`);
  if (t > now + SLACK_MS) throw badInput('since', 'must not be in the future');
  return t;
}
