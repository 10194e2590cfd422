import type { LogStreamName } from '@shoal/protocol';
import { ShoalError, badInput, notFound } from '../common/errors';
import type { Store } from '../store/store';

/** What a client asked of a service's logs, checked (see validateLogsRequest). */
export interface LogsRequest {
  serviceId: string;
  follow: boolean;
  /** Last lines per task. */
  tail?: number;
  /** Unix seconds. */
  since?: number;
  /** Only these tasks of the service (all when absent). */
  taskIds?: string[];
  /** Only lines containing this, ignoring case. */
  search?: string;
}

/** One line of a service's logs, with the task and node that printed it. */
export interface TaskLogLine {
  taskId: string;
  slot: number;
  nodeId: string;
  hostname: string;
  stream: LogStreamName;
  timestamp: string;
  text: string;
}

/** Where a service's log lines go; `skipped` counts lines dropped before these because the reader fell behind. */
export interface LogsSink {
  batch(lines: TaskLogLine[], skipped: number): void;
  end(error?: ShoalError): void;
}

export const MAX_TAIL = 10_000;
const MAX_SEARCH = 200;
const UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

export interface LogsArgs {
  service: string;
  follow?: boolean | null;
  tail?: number | null;
  since?: string | null;
  tasks?: string[] | null;
  search?: string | null;
}

/** Checks a client's arguments: each fault is a BAD_USER_INPUT naming its field; an unknown service is NOT_FOUND. */
export function validateLogsRequest(store: Store, args: LogsArgs, now = Date.now()): LogsRequest {
  const service = store.service(args.service) ?? store.services().find((s) => s.spec.name === args.service);
  if (!service) throw notFound('service', args.service);
  const req: LogsRequest = { serviceId: service.id, follow: args.follow ?? false };
  if (args.tail !== undefined && args.tail !== null) {
    if (!Number.isInteger(args.tail) || args.tail < 0 || args.tail > MAX_TAIL) throw badInput('tail', `expected a whole number from 0 to ${MAX_TAIL}`);
    req.tail = args.tail;
  }
  if (args.since !== undefined && args.since !== null) req.since = parseSince(args.since, now);
  if (args.tasks) {
    const mine = new Set(store.tasks({ serviceId: service.id }).map((t) => t.id));
    const stranger = args.tasks.find((id) => !mine.has(id));
    if (stranger !== undefined) throw badInput('tasks', `task ${JSON.stringify(stranger)} is not a task of service ${service.spec.name}`);
    req.taskIds = args.tasks;
  }
  if (args.search) {
    if (args.search.length > MAX_SEARCH) throw badInput('search', `at most ${MAX_SEARCH} characters`);
    req.search = args.search;
  }
  return req;
}

/** "2026-11-30T06:00:00Z" (RFC 3339) or a duration before now ("10m", "1h30m", "90s") → Unix seconds. */
export function parseSince(since: string, now: number): number {
  const duration = /^(\d+(ms|s|m|h|d))+$/.test(since);
  if (duration) {
    let seconds = 0;
    for (const [, n, unit] of since.matchAll(/(\d+)(ms|s|m|h|d)/g)) seconds += Number(n) * UNITS[unit];
    return Math.floor(now / 1000 - seconds);
  }
  const rfc3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(since);
  const at = rfc3339 ? Date.parse(since) : NaN;
  if (Number.isNaN(at)) throw badInput('since', 'expected an RFC 3339 time (2026-11-30T06:00:00Z) or a duration before now (10m, 1h30m)');
  return Math.floor(at / 1000);
}

/** Case-insensitive substring match, or everything without a search. */
export function matcher(search: string | undefined): (text: string) => boolean {
  if (!search) return () => true;
  const needle = search.toLowerCase();
  return (text) => text.toLowerCase().includes(needle);
}
