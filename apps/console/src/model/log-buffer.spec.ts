import { describe, expect, it } from 'vitest';
import { append, emptyBuffer, filterLines, toText, type LogLine } from './log-buffer';

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
});
