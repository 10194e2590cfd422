import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** Whether the cell names its row (a `th scope="row"`): always, or for some rows. */
  rowHeader?: boolean | ((row: T) => boolean);
}

interface Props<T> {
  /** Names the scrollable region for screen readers and tests. */
  label: string;
  rows: readonly T[];
  rowKey: (row: T) => string;
  columns: readonly Column<T>[];
  rowClass?: (row: T) => string | undefined;
  /** Matching rows on the server; shown as "n of total". */
  totalCount?: number | null;
  hasMore?: boolean;
  loading?: boolean;
  loadMore?: () => void;
}

/** Rows are this tall or close: the virtualizer measures the real ones as they render. */
const ROW_PX = 41;
/** Rows rendered beyond each edge of the visible ones. */
const OVERSCAN = 8;
/** Asks for more when the last rendered row is this close to the end of the loaded ones. */
const LOAD_AHEAD = 20;

/**
 * A table that renders only the rows in view (docs/design/console.md, "Long lists"): a
 * thousand rows cost what thirty do. It scrolls inside its own region, keeps its header in
 * view, and asks for the next page (`loadMore`) as the user nears the last loaded row; a
 * "Load more" button does the same from the keyboard.
 */
export function VirtualTable<T>({ label, rows, rowKey, columns, rowClass, totalCount, hasMore, loading, loadMore }: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: OVERSCAN,
    initialRect: { width: 1024, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const last = items.length > 0 ? items[items.length - 1].index : -1;
  useEffect(() => {
    if (hasMore && !loading && last >= rows.length - LOAD_AHEAD) loadMore?.();
  }, [hasMore, loading, last, rows.length, loadMore]);
  const top = items.length > 0 ? items[0].start : 0;
  const bottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  return (
    <>
      <div ref={scroller} className="virtual-scroll" role="region" aria-label={label} tabIndex={0}>
        <table aria-rowcount={totalCount ?? rows.length}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col">
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {top > 0 && <tr aria-hidden="true" className="virtual-pad" style={{ height: top }} />}
            {items.map((v) => {
              const row = rows[v.index];
              return (
                <tr key={rowKey(row)} ref={virtualizer.measureElement} data-index={v.index} aria-rowindex={v.index + 2} className={rowClass?.(row)}>
                  {columns.map((c) =>
                    (typeof c.rowHeader === 'function' ? c.rowHeader(row) : c.rowHeader) ? (
                      <th key={c.header} scope="row">
                        {c.cell(row)}
                      </th>
                    ) : (
                      <td key={c.header}>{c.cell(row)}</td>
                    ),
                  )}
                </tr>
              );
            })}
            {bottom > 0 && <tr aria-hidden="true" className="virtual-pad" style={{ height: bottom }} />}
          </tbody>
        </table>
      </div>
      <p className="muted" aria-live="polite">
        {totalCount != null && `${rows.length} of ${totalCount} loaded`}
        {hasMore && (
          <>
            {' '}
            <button type="button" onClick={loadMore} disabled={loading}>
              Load more
            </button>
          </>
        )}
        {loading && ' Loading…'}
      </p>
    </>
  );
}
