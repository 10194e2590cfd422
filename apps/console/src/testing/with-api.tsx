import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { Client, fetchExchange, Provider } from 'urql';
import { vi } from 'vitest';

export interface Operation {
  query: string;
  variables: Record<string, unknown>;
}

/**
 * Renders with a real urql client whose HTTP the test answers: `answer` gets each
 * operation and returns the GraphQL response body. The returned mock lists what was sent.
 */
export function renderWithApi(ui: ReactElement, answer: (op: Operation) => unknown) {
  const sent: Operation[] = [];
  const fetcher = vi.fn((_url: RequestInfo | URL, init?: RequestInit) => {
    const op = JSON.parse(init?.body as string) as Operation;
    sent.push(op);
    return Promise.resolve(new Response(JSON.stringify(answer(op)), { headers: { 'content-type': 'application/json' } }));
  });
  const client = new Client({ url: 'http://manager/graphql', exchanges: [fetchExchange], fetch: fetcher, preferGetMethod: false });
  render(<Provider value={client}>{ui}</Provider>);
  return { sent };
}

/** A GraphQL error answer with a code (and field), as the manager sends it. */
export const apiError = (code: string, message: string, field?: string) => ({ errors: [{ message, extensions: { code, ...(field ? { field } : {}) } }] });
