import { ShoalError } from '../common/errors';
import { LogQueue, MAX_QUEUED_CHARS, MAX_QUEUED_LINES, collect } from './log-queue';
import type { TaskLogLine } from './logs-request';

const line = (i: number, taskId = 't1'): TaskLogLine => ({
  taskId,
  slot: 1,
  nodeId: 'n1',
  hostname: 'h',
  stream: 'stdout',
  timestamp: `2026-11-30T06:00:00.${String(i).padStart(9, '0')}Z`,
  text: `line ${i}`,
});

describe('the log queue of a subscription', () => {
  it('holds a bounded number of lines for a slow reader and says how many it dropped', async () => {
    const q = new LogQueue((b) => b);
    q.batch(
      Array.from({ length: MAX_QUEUED_LINES + 5 }, (_, i) => line(i)),
      2,
    );
    q.end();
    const events = [];
    for await (const e of q) events.push(e);
    expect(events.reduce((n, e) => n + e.lines.length, 0)).toBe(MAX_QUEUED_LINES);
    expect(events[0].skipped).toBe(7);
    expect(events.slice(1).every((e) => e.skipped === 0)).toBe(true);
    expect(events.at(-1)!.lines.at(-1)!.text).toBe(`line ${MAX_QUEUED_LINES - 1}`);
  });

  it('bounds the text it holds too, for long lines', async () => {
    const q = new LogQueue((b) => b);
    const long = (i: number) => ({ ...line(i), text: 'x'.repeat(16 * 1024) });
    const fits = Math.floor(MAX_QUEUED_CHARS / (16 * 1024));
    q.batch(
      Array.from({ length: fits + 3 }, (_, i) => long(i)),
      0,
    );
    const first = (await q.next()).value!;
    expect(first.skipped).toBe(3);
    // Reading frees room again.
    q.batch([long(99)], 0);
    q.end();
    let total = first.lines.length;
    for await (const e of q) total += e.lines.length;
    expect(total).toBe(fits + 1);
  });

  it('waits for lines, ends with the error, and stops the streams when the reader leaves', async () => {
    const q = new LogQueue((b) => b);
    let stopped = false;
    q.stop = () => (stopped = true);
    const next = q.next();
    q.batch([line(1)], 0);
    expect((await next).value).toEqual({ lines: [line(1)], skipped: 0 });
    q.end(new ShoalError('UNAVAILABLE', 'leader gone'));
    await expect(q.next()).rejects.toThrow('leader gone');

    const r = new LogQueue((b) => b);
    r.stop = () => (stopped = true);
    await r.return();
    expect(stopped).toBe(true);
    expect(await r.next()).toEqual({ value: undefined, done: true });
  });

  it('collects a bounded read: the latest lines of all tasks, merged by time', async () => {
    const { lines, skipped } = await collect((sink) => {
      sink.batch([line(5, 'a'), line(6, 'a'), line(9, 'a')], 0);
      sink.batch([line(1, 'b'), line(7, 'b'), line(8, 'b')], 0);
      sink.end();
      return () => undefined;
    }, 4);
    expect(lines.map((l) => `${l.taskId}${l.text.slice(5)}`)).toEqual(['a6', 'b7', 'b8', 'a9']);
    expect(skipped).toBe(2);
  });
});
