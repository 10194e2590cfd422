import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { CombinedError, Provider, type Client } from 'urql';
import type { LogLine } from '../../model/log-buffer';

/** A small bound keeps jsdom quick; the page keeps KEEP_LINES (model/log-buffer.spec.ts checks the arithmetic). */
const KEEP = 50;
import { RESUME_MS, ServiceLogs } from './service-logs';

type Push = (r: { data?: { serviceLogs: { skipped: number; lines: LogLine[] } }; error?: unknown }) => void;

/** A client whose log subscription the test feeds; it records subscriptions and their ends. */
function fakeClient() {
  const subs: { variables: Record<string, unknown>; push: Push; closed: boolean }[] = [];
  const client = {
    subscription: (_q: unknown, variables: Record<string, unknown>) => ({
      subscribe: (push: Push) => {
        const sub = { variables, push, closed: false };
        subs.push(sub);
        return { unsubscribe: () => (sub.closed = true) };
      },
    }),
  } as unknown as Client;
  const send = (lines: LogLine[], skipped = 0) => act(() => subs.at(-1)!.push({ data: { serviceLogs: { skipped, lines } } }));
  return { client, subs, send };
}

const line = (i: number, text = `tick ${i}`): LogLine => ({
  taskId: i % 2 ? 'taskb' : 'taska',
  slot: (i % 2) + 1,
  hostname: 'node-a',
  stream: 'STDOUT',
  timestamp: '2026-11-30T06:00:00.000000000Z',
  text,
});

const shownTexts = () => [...screen.getByRole('log').querySelectorAll('.log-line')].map((e) => e.textContent);

describe('ServiceLogs', () => {
  it('follows the service from the start and shows each line with its task and node', () => {
    const { client, subs, send } = fakeClient();
    render(
      <Provider value={client}>
        <ServiceLogs serviceId="s1" serviceName="web" />
      </Provider>,
    );
    expect(subs).toHaveLength(1);
    expect(subs[0].variables).toEqual({ service: 's1', follow: true, tail: 200 });
    send([line(0, 'hello'), line(1, 'world')]);
    expect(shownTexts()).toEqual(['web.1.taska@node-a | hello', 'web.2.taskb@node-a | world']);
  });

  it('filters what it keeps by the search, and keeps only the last lines', () => {
    const { client, send } = fakeClient();
    render(
      <Provider value={client}>
        <ServiceLogs serviceId="s1" serviceName="web" keep={KEEP} />
      </Provider>,
    );
    send([line(0, 'GET /health'), line(1, 'panic: boom'), line(2, 'get /index')]);
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'GET' } });
    expect(shownTexts()).toEqual(['web.1.taska@node-a | GET /health', 'web.1.taska@node-a | get /index']);
    expect(screen.getByText(/Showing 2 of 3 lines/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'web.2' } });
    expect(shownTexts()).toEqual(['web.2.taskb@node-a | panic: boom']);

    fireEvent.change(screen.getByLabelText('Search'), { target: { value: '' } });
    send(
      Array.from({ length: KEEP }, (_, i) => line(i)),
      7,
    );
    expect(shownTexts()).toHaveLength(KEEP);
    expect(shownTexts()[KEEP - 1]).toBe(`web.2.taskb@node-a | tick ${KEEP - 1}`);
    expect(screen.getByText(new RegExp(`Showing ${KEEP} of ${KEEP} lines; 10 older lines not kept`))).toBeTruthy();
  });

  it('pauses when follow is turned off, keeping the lines, and starts afresh when turned on', () => {
    const { client, subs, send } = fakeClient();
    render(
      <Provider value={client}>
        <ServiceLogs serviceId="s1" serviceName="web" />
      </Provider>,
    );
    send([line(0)]);
    fireEvent.click(screen.getByLabelText('Follow'));
    expect(subs[0].closed).toBe(true);
    expect(shownTexts()).toEqual(['web.1.taska@node-a | tick 0']);
    expect(screen.getByText(/Paused/)).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Follow'));
    expect(subs).toHaveLength(2);
    expect(shownTexts()).toEqual([]);
    send([line(5)]);
    expect(shownTexts()).toEqual(['web.2.taskb@node-a | tick 5']);
  });

  it('resumes a broken follow from its newest line, without showing a line twice', () => {
    vi.useFakeTimers();
    try {
      const { client, subs, send } = fakeClient();
      render(
        <Provider value={client}>
          <ServiceLogs serviceId="s1" serviceName="web" />
        </Provider>,
      );
      const at = (i: number, ts: string): LogLine => ({ ...line(i), timestamp: ts });
      send([at(0, '2026-11-30T06:00:01.1Z'), at(1, '2026-11-30T06:00:02.2Z')]);
      // The leader changed: the manager ends the stream with UNAVAILABLE.
      act(() => subs[0].push({ error: new CombinedError({ graphQLErrors: [{ message: 'no leader', extensions: { code: 'UNAVAILABLE' } }] }) }));
      expect(screen.getByText(/no leader/)).toBeTruthy();
      act(() => {
        vi.advanceTimersByTime(RESUME_MS);
      });
      expect(subs).toHaveLength(2);
      expect(subs[1].variables).toEqual({ service: 's1', follow: true, since: '2026-11-30T06:00:02.2Z' });
      // Resumed from that second, the stream sends its last line again, then a new one.
      send([at(1, '2026-11-30T06:00:02.2Z'), at(3, '2026-11-30T06:00:03Z')]);
      expect(shownTexts()).toEqual(['web.1.taska@node-a | tick 0', 'web.2.taskb@node-a | tick 1', 'web.2.taskb@node-a | tick 3']);
      expect(screen.queryByText(/no leader/)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
