import { TaskState } from '@shoal/protocol';
import { ShoalError } from '../common/errors';
import { StoreFixture } from '../testing/store.fixture';
import { LogsArgs, parseSince, validateLogsRequest } from './logs-request';

describe('log request validation', () => {
  let f: StoreFixture;
  beforeAll(async () => {
    f = await StoreFixture.open();
    await f.service('svc1', { name: 'web' });
    await f.service('svc2', { name: 'db' });
    await f.task({ id: 't1', serviceId: 'svc1', status: { state: TaskState.RUNNING, message: '', timestamp: '2026-01-01T00:00:00Z' } });
    await f.task({ id: 't2', serviceId: 'svc2' });
  });
  afterAll(() => f.close());

  const fault = (args: Partial<LogsArgs>) => {
    try {
      validateLogsRequest(f.store, { service: 'web', ...args });
      return undefined;
    } catch (e) {
      return e instanceof ShoalError ? [e.code, e.field] : e;
    }
  };

  it('finds the service by id or name and keeps what was asked', () => {
    expect(validateLogsRequest(f.store, { service: 'svc1', tail: 0, tasks: ['t1'], search: 'x', follow: true }, 1_000_000)).toEqual({
      serviceId: 'svc1',
      follow: true,
      tail: 0,
      taskIds: ['t1'],
      search: 'x',
    });
    expect(validateLogsRequest(f.store, { service: 'web' })).toEqual({ serviceId: 'svc1', follow: false });
  });

  it('refuses each bad argument with its field', () => {
    expect(fault({ service: 'nope' })).toEqual(['NOT_FOUND', undefined]);
    expect(fault({ tail: -1 })).toEqual(['BAD_USER_INPUT', 'tail']);
    expect(fault({ tail: 10_001 })).toEqual(['BAD_USER_INPUT', 'tail']);
    expect(fault({ tail: 1.5 })).toEqual(['BAD_USER_INPUT', 'tail']);
    expect(fault({ since: 'last tuesday' })).toEqual(['BAD_USER_INPUT', 'since']);
    expect(fault({ since: '2026-13-45T00:00:00Z' })).toEqual(['BAD_USER_INPUT', 'since']);
    expect(fault({ tasks: ['t2'] })).toEqual(['BAD_USER_INPUT', 'tasks']);
    expect(fault({ search: 'x'.repeat(201) })).toEqual(['BAD_USER_INPUT', 'search']);
    expect(fault({ tail: 10_000, since: '10m' })).toBeUndefined();
  });

  it('reads since as an RFC 3339 time or a duration before now, in Unix seconds', () => {
    const now = Date.parse('2026-11-30T06:00:00Z');
    expect(parseSince('2026-11-30T05:00:00Z', now)).toBe(now / 1000 - 3600);
    expect(parseSince('2026-11-30T07:00:00+02:00', now)).toBe(now / 1000 - 3600);
    expect(parseSince('10m', now)).toBe(now / 1000 - 600);
    expect(parseSince('1h30m', now)).toBe(now / 1000 - 5400);
    expect(parseSince('2d', now)).toBe(now / 1000 - 172_800);
  });
});
