import { formatLine } from './service-logs';

const l = { taskId: 'q2xk3', slot: 2, hostname: 'node-1', stream: 'STDERR' as const, timestamp: '2026-11-30T06:00:00.123456789Z', text: 'GET / 200' };

describe('shoal service logs lines', () => {
  it('prefixes like docker service logs: name.slot.task@node |', () => {
    expect(formatLine(l, { serviceName: 'web', timestamps: false, taskIds: true })).toBe('web.2.q2xk3@node-1 | GET / 200');
  });
  it('puts the timestamp after the bar with -t, and drops the task id with --no-task-ids', () => {
    expect(formatLine(l, { serviceName: 'web', timestamps: true, taskIds: false })).toBe('web.2@node-1 | 2026-11-30T06:00:00.123456789Z GET / 200');
  });
});
