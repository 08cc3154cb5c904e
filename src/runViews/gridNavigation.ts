// Moving through the Grid from the keyboard: the rows on screen (a collapsed group hides its rows)
// and where an arrow key takes the focus. Pure, and free of imports the page's bundle cannot take.
import type { GridRow } from './gridModel';

/** The rows on screen, depth first, without the rows of a collapsed group (by row key). */
export function visibleRows(rows: readonly GridRow[], collapsed: ReadonlySet<string>): GridRow[] {
  const out: GridRow[] = [];
  const walk = (list: readonly GridRow[]) => {
    for (const row of list) {
      out.push(row);
      if (row.kind === 'group' && !collapsed.has(row.key)) walk(row.children);
    }
  };
  walk(rows);
  return out;
}

/** A cell of the Grid on screen: its row among the visible rows and its column. */
export interface GridFocus {
  row: number;
  column: number;
}

/**
 * Where a key moves the focus in a grid of `rows` × `columns` (arrows one cell, Home and End to the
 * first and last run, PageUp and PageDown ten rows), staying inside; undefined for any other key.
 */
export function moveFocus(focus: GridFocus, key: string, rows: number, columns: number): GridFocus | undefined {
  const clamp = (n: number, size: number) => Math.max(0, Math.min(size - 1, n));
  const to = (row: number, column: number) => ({ row: clamp(row, rows), column: clamp(column, columns) });
  switch (key) {
    case 'ArrowUp':
      return to(focus.row - 1, focus.column);
    case 'ArrowDown':
      return to(focus.row + 1, focus.column);
    case 'ArrowLeft':
      return to(focus.row, focus.column - 1);
    case 'ArrowRight':
      return to(focus.row, focus.column + 1);
    case 'Home':
      return to(focus.row, 0);
    case 'End':
      return to(focus.row, columns - 1);
    case 'PageUp':
      return to(focus.row - 10, focus.column);
    case 'PageDown':
      return to(focus.row + 10, focus.column);
    default:
      return undefined;
  }
}
