import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { VirtualTable, type Column } from './virtual-table';

interface Row {
  id: string;
  name: string;
}
const rows = (n: number): Row[] => Array.from({ length: n }, (_, i) => ({ id: `id-${i}`, name: `svc-${i}` }));
const COLUMNS: Column<Row>[] = [
  { header: 'Name', rowHeader: true, cell: (r) => r.name },
  { header: 'Id', cell: (r) => r.id },
];

/** jsdom lays nothing out: give the scroll region 600 px and each row 40 px, as a browser would. */
function withLayout() {
  const sizes: Record<string, (el: HTMLElement) => number> = {
    clientHeight: () => 600,
    clientWidth: () => 1000,
    offsetHeight: (el) => (el.tagName === 'TR' ? 40 : 600),
    offsetWidth: () => 1000,
  };
  const saved = Object.keys(sizes).map(
    (k) => [k, Object.getOwnPropertyDescriptor(HTMLElement.prototype, k) ?? Object.getOwnPropertyDescriptor(Element.prototype, k)] as const,
  );
  for (const [k, size] of Object.entries(sizes)) {
    Object.defineProperty(HTMLElement.prototype, k, {
      configurable: true,
      get(this: HTMLElement) {
        return size(this);
      },
    });
  }
  return () => {
    for (const [k, d] of saved) {
      if (d) Object.defineProperty(HTMLElement.prototype, k, d);
      else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[k];
    }
  };
}

describe('VirtualTable', () => {
  let restore: () => void;
  beforeAll(() => {
    restore = withLayout();
  });
  afterAll(() => restore());

  it('renders only the rows in view, not a thousand', () => {
    render(<VirtualTable label="Things" rows={rows(1000)} rowKey={(r) => r.id} columns={COLUMNS} totalCount={1000} />);
    const region = screen.getByRole('region', { name: 'Things' });
    const headers = within(region).getAllByRole('rowheader');
    expect(headers[0]).toHaveTextContent('svc-0');
    expect(headers.length).toBeGreaterThan(5);
    expect(headers.length).toBeLessThan(50);
    expect(screen.getByText('1000 of 1000 loaded')).toBeInTheDocument();
  });

  it('asks for more when the loaded rows end in view, and from the Load more button', () => {
    const loadMore = vi.fn();
    const { rerender } = render(
      <VirtualTable label="Things" rows={rows(10)} rowKey={(r) => r.id} columns={COLUMNS} totalCount={500} hasMore loading={false} loadMore={loadMore} />,
    );
    expect(loadMore).toHaveBeenCalled();
    const before = loadMore.mock.calls.length;
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(loadMore).toHaveBeenCalledTimes(before + 1);
    // Nothing more to load: neither.
    rerender(<VirtualTable label="Things" rows={rows(10)} rowKey={(r) => r.id} columns={COLUMNS} totalCount={10} hasMore={false} loadMore={loadMore} />);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(loadMore).toHaveBeenCalledTimes(before + 1);
  });

  it('asks for nothing while the rows in view are far from the last loaded one', () => {
    const loadMore = vi.fn();
    render(<VirtualTable label="Things" rows={rows(400)} rowKey={(r) => r.id} columns={COLUMNS} totalCount={1000} hasMore loadMore={loadMore} />);
    expect(within(screen.getByRole('region', { name: 'Things' })).getAllByRole('rowheader')[0]).toHaveTextContent('svc-0');
    expect(loadMore).not.toHaveBeenCalled();
  });
});
