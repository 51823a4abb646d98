import { useCallback, useLayoutEffect, useRef, useState } from 'react';

/**
 * Which rows of a list of fixed-height rows to render: those in view plus `overscan` either side
 * (so the next row for the keyboard, and a fast scroll's first frames, are already there).
 * `scrollTop` is measured from the first row; `end` is exclusive.
 */
export function windowRange(opts: {
  scrollTop: number;
  viewport: number;
  rowHeight: number;
  count: number;
  overscan: number;
}): { start: number; end: number } {
  const { rowHeight, count, overscan } = opts;
  if (count <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, opts.scrollTop);
  const first = Math.min(count - 1, Math.floor(top / rowHeight));
  const visible = Math.ceil(Math.max(0, opts.viewport) / rowHeight) + 1;
  return {
    start: Math.max(0, first - overscan),
    end: Math.min(count, first + visible + overscan),
  };
}

/** Where the rows start within the scrolling box's content: the height of what sticks above them. */
function headerHeight(box: HTMLElement, rows: HTMLElement): number {
  return rows.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
}

/**
 * Windowing for a scrolling box holding a sticky header and then `count` rows of `rowHeight`:
 * `scroller` goes on the box, `body` on the rows' container (its offset within the box is
 * measured, so a header of any height works). `scrollToIndex` brings a row fully into view below
 * the sticky header, for the keyboard.
 */
export function useRowWindow(count: number, rowHeight: number, overscan = 8) {
  const scroller = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  // Before the first measure, assume a box of 20 rows: the first paint is right for most screens.
  const [view, setView] = useState({ scrollTop: 0, viewport: rowHeight * 20 });
  const measure = useCallback(() => {
    const box = scroller.current;
    const rows = body.current;
    if (!box || !rows) return;
    const header = headerHeight(box, rows); // the sticky header covers the top of the box
    setView((v) => {
      const next = { scrollTop: box.scrollTop, viewport: box.clientHeight - header };
      return v.scrollTop === next.scrollTop && v.viewport === next.viewport ? v : next;
    });
  }, []);
  const drawn = count > 0; // the box exists only once there are rows
  useLayoutEffect(() => {
    const box = scroller.current;
    if (!box) return;
    measure();
    box.addEventListener('scroll', measure, { passive: true });
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    ro?.observe(box);
    return () => {
      box.removeEventListener('scroll', measure);
      ro?.disconnect();
    };
  }, [measure, drawn]);
  const scrollToIndex = useCallback(
    (i: number) => {
      const box = scroller.current;
      const rows = body.current;
      if (!box || !rows) return;
      const header = headerHeight(box, rows);
      const top = i * rowHeight; // the row's top, measured from the first row
      const viewport = box.clientHeight - header;
      if (top < box.scrollTop) box.scrollTop = top;
      else if (top + rowHeight > box.scrollTop + viewport) box.scrollTop = top + rowHeight - viewport;
      measure();
    },
    [rowHeight, measure],
  );
  const range = windowRange({ ...view, rowHeight, count, overscan });
  const visibleRows = Math.max(1, Math.floor(view.viewport / rowHeight));
  return { scroller, body, ...range, visibleRows, scrollToIndex };
}
