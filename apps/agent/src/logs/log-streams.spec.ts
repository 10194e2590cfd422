import { LOG_BATCH_MAX_LINES, LogBatchMessage, LogEndMessage, LogEntry } from '@shoal/protocol';
import { waitFor } from '@shoal/testing';
import { FakeExecutor } from '../testing/fake.executor';
import { BATCH_MAX_CHARS, LogStreams, MAX_BUFFERED_BYTES } from './log-streams';

const line = (i: number): LogEntry => ({
  stream: i % 2 ? 'stderr' : 'stdout',
  timestamp: `2026-11-30T06:00:00.${String(i).padStart(9, '0')}Z`,
  text: `line ${i}`,
});

function setup() {
  const executor = new FakeExecutor();
  const sent: (LogBatchMessage | LogEndMessage)[] = [];
  let buffered = 0;
  const streams = new LogStreams(() => 'node-1', executor, { send: (m) => sent.push(m), bufferedBytes: () => buffered });
  const lines = () => sent.flatMap((m) => (m.type === 'log-batch' ? m.lines : []));
  return { executor, sent, streams, lines, setBuffered: (n: number) => (buffered = n) };
}

describe('log streams on the agent', () => {
  it('sends a task log in order, in bounded batches, then ends', async () => {
    const { executor, sent, streams, lines } = setup();
    executor.printed.set(
      't1',
      Array.from({ length: 1234 }, (_, i) => line(i)),
    );
    streams.open({ type: 'logs', streamId: 's1', taskId: 't1', follow: false });
    await waitFor('the end of the stream', async () => sent.at(-1)?.type === 'log-end');
    expect(lines()).toEqual(executor.printed.get('t1'));
    const batches = sent.filter((m) => m.type === 'log-batch');
    expect(batches.length).toBeGreaterThanOrEqual(3);
    for (const b of batches) expect(b.lines.length).toBeLessThanOrEqual(LOG_BATCH_MAX_LINES);
    expect(sent.at(-1)).toEqual({ type: 'log-end', streamId: 's1' });
    expect(streams.size).toBe(0);
  });

  it('also bounds a batch by its text, for long lines', async () => {
    const { executor, sent, streams, lines } = setup();
    const long = 16 * 1024;
    executor.printed.set(
      't5',
      Array.from({ length: 200 }, (_, i) => ({ ...line(i), text: `${i}`.padEnd(long, '.') })),
    );
    streams.open({ type: 'logs', streamId: 's5', taskId: 't5', follow: false });
    await waitFor('the end', async () => sent.at(-1)?.type === 'log-end');
    expect(lines()).toHaveLength(200);
    for (const b of sent) if (b.type === 'log-batch') expect(b.lines.reduce((n, l) => n + l.text.length, 0)).toBeLessThan(BATCH_MAX_CHARS + long);
  });

  it('ends with an error when the task has no container here', async () => {
    const { sent, streams } = setup();
    streams.open({ type: 'logs', streamId: 's2', taskId: 'nope', follow: false });
    await waitFor('the end', async () => sent.length === 1);
    expect(sent[0]).toEqual({ type: 'log-end', streamId: 's2', error: 'task nope has no container on this node' });
  });

  it('pauses reading while the session is backed up and resumes once it drains', async () => {
    const { executor, streams, lines, setBuffered } = setup();
    executor.printed.set('t3', []);
    streams.open({ type: 'logs', streamId: 's3', taskId: 't3', follow: true });
    await waitFor('the follow stream', async () => executor.following.length === 1);
    const live = executor.following[0];
    setBuffered(MAX_BUFFERED_BYTES + 1);
    for (let i = 0; i < LOG_BATCH_MAX_LINES; i++) live.write(line(i));
    await waitFor('the first full batch', async () => lines().length === LOG_BATCH_MAX_LINES);
    // Paused: more lines stay in the source (bounded by its buffer), none are sent.
    let accepted = 0;
    while (live.write(line(LOG_BATCH_MAX_LINES + accepted))) accepted++;
    accepted++;
    await new Promise((r) => setTimeout(r, 150));
    expect(lines().length).toBe(LOG_BATCH_MAX_LINES);
    setBuffered(0);
    await waitFor('the rest after draining', async () => lines().length === LOG_BATCH_MAX_LINES + accepted);
    expect(lines().map((l) => l.text)).toEqual(Array.from({ length: LOG_BATCH_MAX_LINES + accepted }, (_, i) => `line ${i}`));
    streams.cancel('s3');
    expect(live.destroyed).toBe(true);
  });

  it('stops every stream when the session closes, sending nothing more', async () => {
    const { executor, sent, streams } = setup();
    executor.printed.set('t4', [line(0)]);
    streams.open({ type: 'logs', streamId: 'a', taskId: 't4', follow: true });
    streams.open({ type: 'logs', streamId: 'b', taskId: 't4', follow: true });
    await waitFor('two follow streams', async () => executor.following.length === 2);
    streams.cancelAll();
    expect(executor.following.every((s) => s.destroyed)).toBe(true);
    const count = sent.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(sent.length).toBe(count);
    expect(streams.size).toBe(0);
  });
});
