import { describe, expect, it } from 'vitest';
import { append, compareTimestamps, emptyBuffer, filterLines, newestTimestamp, toText, type LogLine } from './log-buffer';

const line = (i: number, over: Partial<LogLine> = {}): LogLine => ({
  taskId: `task${i % 2}`,
  slot: (i % 2) + 1,
  hostname: 'node-a',
  stream: 'STDOUT',
  timestamp: `2026-11-30T06:00:${String(i % 60).padStart(2, '0')}.000000000Z`,
  text: `tick ${i}`,
  ...over,
});

describe('the log buffer', () => {
  it('keeps the last lines within its bound and counts what left', () => {
    let b = append(emptyBuffer, [line(0), line(1), line(2)], 0, 5);
    expect(b.lines.map((l) => l.text)).toEqual(['tick 0', 'tick 1', 'tick 2']);
    b = append(b, [line(3), line(4), line(5), line(6)], 0, 5);
    expect(b.lines.map((l) => l.text)).toEqual(['tick 2', 'tick 3', 'tick 4', 'tick 5', 'tick 6']);
    expect(b.dropped).toBe(2);
    // A batch larger than the bound keeps its own last lines; the manager's skipped count adds up.
    b = append(
      b,
      Array.from({ length: 8 }, (_, i) => line(10 + i)),
      3,
      5,
    );
    expect(b.lines.map((l) => l.text)).toEqual(['tick 13', 'tick 14', 'tick 15', 'tick 16', 'tick 17']);
    expect(b.dropped).toBe(2 + 3 + 8);
  });

  it('filters by text or by task prefix, ignoring case', () => {
    const lines = [line(0, { text: 'GET /health 200' }), line(1, { text: 'panic: boom', stream: 'STDERR' }), line(2, { text: 'get /index' })];
    expect(filterLines(lines, 'web', 'get').map((l) => l.text)).toEqual(['GET /health 200', 'get /index']);
    expect(filterLines(lines, 'web', '  ').length).toBe(3);
    expect(filterLines(lines, 'web', 'web.2.task1').map((l) => l.text)).toEqual(['panic: boom']);
    expect(filterLines(lines, 'web', 'nothing like it')).toEqual([]);
  });

  it('downloads as text with the prefix and timestamp of each line', () => {
    expect(toText([line(1, { text: 'hello' })], 'web')).toBe('web.2.task1@node-a | 2026-11-30T06:00:01.000000000Z hello\n');
  });

  it('leaves out what a resumed or resent stream sends again, task by task', () => {
    const at = (i: number, ts: string, text = `tick ${i}`) => line(i, { timestamp: ts, text });
    let b = append(emptyBuffer, [at(0, '2026-11-30T06:00:01.5Z'), at(2, '2026-11-30T06:00:02Z'), at(2, '2026-11-30T06:00:02Z', 'same time')]);
    expect(newestTimestamp(b)).toBe('2026-11-30T06:00:02Z');
    // The stream resumes `since` the newest second: the lines of that second come again, then new ones.
    b = append(b, [
      at(0, '2026-11-30T06:00:01.5Z'),
      at(2, '2026-11-30T06:00:02Z'),
      at(2, '2026-11-30T06:00:02Z', 'same time'),
      at(1, '2026-11-30T06:00:01.9Z'), // another task's first line: new, though older than task0's newest
      at(4, '2026-11-30T06:00:02Z', 'third at that time'),
      at(6, '2026-11-30T06:00:02.000000001Z'),
    ]);
    expect(b.lines.map((l) => l.text)).toEqual(['tick 0', 'tick 2', 'same time', 'tick 1', 'third at that time', 'tick 6']);
    expect(b.dropped).toBe(0);
  });

  it('orders Docker timestamps whose fractions have their trailing zeros trimmed', () => {
    expect(compareTimestamps('2026-11-30T06:00:00.1Z', '2026-11-30T06:00:00.12Z')).toBe(-1);
    expect(compareTimestamps('2026-11-30T06:00:00.5Z', '2026-11-30T06:00:00.500000000Z')).toBe(0);
    expect(compareTimestamps('2026-11-30T06:00:01Z', '2026-11-30T06:00:00.999999999Z')).toBe(1);
  });
});
