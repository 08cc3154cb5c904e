// The Grid on the page: a header of runs (bar height by duration), a row per task or group, the
// cells reachable by arrow keys; Enter opens the selected task instance's log. Text by textContent.
// A redraw of the same rows and runs (a refresh) changes only the cells and headers that changed.
import type { GridCell, GridColumn, GridModel, GridRow } from '../gridModel';
import { moveFocus, visibleRows, type GridFocus } from '../gridNavigation';
import { el, shortDuration, stateName, stateWords } from './dom';

export interface GridHandlers {
  select(ref: string, runId: string): void;
  openLog(ref: string): void;
  toggle(rowKey: string): void;
}

/** What a drawn table shows, read by its event handlers (so an update in place keeps them right). */
interface Drawn {
  /** The visible rows' keys and the runs' ids: a redraw with the same shape updates in place. */
  shape: string;
  grid: GridModel;
  rows: GridRow[];
  focus: GridFocus;
  on: GridHandlers;
}
const drawnTables = new WeakMap<HTMLTableElement, Drawn>();

/** Draws the Grid into `root`; `focus` is kept across redraws so a refresh does not move the user. */
export function drawGrid(
  root: HTMLElement,
  grid: GridModel,
  collapsed: ReadonlySet<string>,
  focus: GridFocus,
  selectedRef: string | undefined,
  on: GridHandlers,
): void {
  const rows = visibleRows(grid.rows, collapsed);
  const shape = JSON.stringify([rows.map((r) => r.key), grid.columns.map((c) => c.runId)]);
  const shown = root.querySelector<HTMLTableElement>(':scope > table.grid');
  const drawn = shown ? drawnTables.get(shown) : undefined;
  if (shown && drawn?.shape === shape) {
    Object.assign(drawn, { grid, rows, focus, on });
    updateInPlace(shown, grid, rows, focus, selectedRef);
    return;
  }
  // A redraw (a refresh, another run selected) keeps the keyboard where it was.
  const hadFocus = root.contains(document.activeElement);
  const table = el('table', { role: 'grid', class: 'grid' });
  drawnTables.set(table, { shape, grid, rows, focus, on });
  const head = el('tr', { role: 'row' });
  head.append(el('th', { role: 'columnheader', class: 'task-name' }, 'Task'));
  for (const c of grid.columns) {
    const th = el('th', { role: 'columnheader', class: 'run', 'data-run': c.runId });
    th.append(el('div', { class: 'run-bar' }));
    head.append(th);
  }
  table.append(head);
  rows.forEach((row, r) => table.append(drawRow(row, r, grid, collapsed)));
  updateInPlace(table, grid, rows, focus, selectedRef);
  listen(table);
  root.replaceChildren(table);
  if (hadFocus) table.querySelector<HTMLElement>(`[data-cell="${focus.row}:${focus.column}"]`)?.focus();
}

/** The row headers and empty cells of a row; their states, labels and counts come from updateInPlace. */
function drawRow(row: GridRow, r: number, grid: GridModel, collapsed: ReadonlySet<string>): HTMLTableRowElement {
  const tr = el('tr', { role: 'row' });
  const name = el('th', { role: 'rowheader', class: `task-name depth-${Math.min(row.depth, 8)}` });
  if (row.kind === 'group') {
    const open = !collapsed.has(row.key);
    name.append(
      el(
        'button',
        {
          class: 'toggle',
          'data-toggle': String(r),
          'aria-expanded': String(open),
          'aria-label': `Task group ${row.id}`,
        },
        open ? '▾' : '▸',
      ),
    );
  }
  name.append(el('span', {}, row.mapped ? `${row.label} [ ]` : row.label));
  tr.append(name);
  grid.columns.forEach((run, c) => {
    tr.append(
      el('td', {
        role: 'gridcell',
        class: 'cell',
        'data-cell': `${r}:${c}`,
        'data-task': row.id,
        'data-run': run.runId,
      }),
    );
  });
  return tr;
}

/** Sets what changed since the last draw: the runs' headers, each cell's state, label, count, selection, tab stop. */
function updateInPlace(
  table: HTMLTableElement,
  grid: GridModel,
  rows: GridRow[],
  focus: GridFocus,
  selectedRef: string | undefined,
): void {
  set(table, { 'aria-label': `Task instances of the last ${grid.columns.length} runs` });
  const headers = table.querySelectorAll<HTMLElement>('th.run');
  grid.columns.forEach((c, i) => {
    const th = headers[i];
    set(th, runHeader(c));
    const bar = th.firstElementChild as HTMLElement;
    const height = `${Math.max(4, Math.round(c.barHeight * 40))}px`;
    if (bar.style.height !== height) bar.style.height = height;
  });
  const cells = table.querySelectorAll<HTMLElement>('td.cell');
  rows.forEach((row, r) =>
    row.cells.forEach((cell, c) => {
      const td = cells[r * grid.columns.length + c];
      const count = cell?.count === undefined ? '' : String(cell.count);
      const focused = focus.row === r && focus.column === c;
      const selected = !!cell && cell.refs.length > 0 && cell.refs[0] === selectedRef;
      // Most cells of a refresh are as they were: told so without building their words.
      if (
        td.dataset.state === (cell ? stateName(cell.state) : 'absent') &&
        td.dataset.count === count &&
        td.tabIndex === (focused ? 0 : -1) &&
        td.getAttribute('aria-selected') === String(selected)
      )
        return;
      set(td, { ...cellAttributes(row, cell, grid.columns[c], focused, selectedRef), 'data-count': count });
      const badge = td.firstElementChild;
      if (!count) badge?.remove();
      else if (!badge) td.append(el('span', { class: 'count' }, count));
      else if (badge.textContent !== count) badge.textContent = count;
    }),
  );
}

function runHeader(c: GridColumn): Record<string, string> {
  const duration = c.duration !== undefined ? `, ${shortDuration(c.duration)}` : '';
  return {
    'data-state': stateName(c.state),
    'aria-label': `Run ${c.runId}, ${stateWords(c.state)}, ${c.runType.replace(/_/g, ' ')}${duration}`,
    title: `${c.runId}\n${stateWords(c.state)} · ${c.runType} · ${shortDuration(c.duration)}`,
  };
}

function cellAttributes(
  row: GridRow,
  cell: GridCell | undefined,
  run: GridColumn,
  focused: boolean,
  selectedRef: string | undefined,
): Record<string, string> {
  const count = cell?.count !== undefined ? `, ${cell.count} mapped` : '';
  return {
    tabindex: focused ? '0' : '-1',
    'data-state': cell ? stateName(cell.state) : 'absent',
    'aria-selected': String(!!cell && cell.refs.length > 0 && cell.refs[0] === selectedRef),
    'aria-label': `${row.kind === 'group' ? 'Group' : 'Task'} ${row.id}, run ${run.runId}: ${cell ? stateWords(cell.state) : 'no task instance'}${count}`,
  };
}

/** Sets the attributes whose value differs: an unchanged cell is not touched. */
function set(element: HTMLElement, attributes: Record<string, string>): void {
  for (const [name, value] of Object.entries(attributes))
    if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

/** One click and one key listener for the whole table, reading what it shows now. */
function listen(table: HTMLTableElement): void {
  const now = () => drawnTables.get(table)!;
  table.addEventListener('click', (e) => {
    const target = e.target as HTMLElement;
    const { grid, rows, focus, on } = now();
    const toggle = target.closest<HTMLElement>('[data-toggle]');
    if (toggle) return on.toggle(rows[Number(toggle.dataset.toggle)].key);
    const td = target.closest<HTMLElement>('td[data-cell]');
    if (!td) return;
    const [r, c] = td.dataset.cell!.split(':').map(Number);
    const ref = cellRef(rows[r], c);
    moveTo(table, focus, r, c, !!ref);
    if (ref) on.select(ref, grid.columns[c].runId);
    else if (rows[r].kind === 'group') on.toggle(rows[r].key);
  });
  table.addEventListener('keydown', (e) => {
    const { grid, rows, focus, on } = now();
    if (e.key === 'Enter') {
      const ref = cellRef(rows[focus.row], focus.column);
      if (ref) on.openLog(ref);
      else if (rows[focus.row]?.kind === 'group') on.toggle(rows[focus.row].key);
      e.preventDefault();
      return;
    }
    const next = moveFocus(focus, e.key, rows.length, grid.columns.length);
    if (!next) return;
    e.preventDefault();
    const ref = cellRef(rows[next.row], next.column);
    moveTo(table, focus, next.row, next.column, !!ref)?.focus();
    if (ref) on.select(ref, grid.columns[next.column].runId);
  });
}

/**
 * Moves the grid's one tab stop (and its selection outline, when the cell has a task instance) to
 * cell `r:c`, as the next draw would, so the page shows it at once.
 */
function moveTo(table: HTMLTableElement, focus: GridFocus, r: number, c: number, selects: boolean): HTMLElement | null {
  const cell = (at: string) => table.querySelector<HTMLElement>(`[data-cell="${at}"]`);
  cell(`${focus.row}:${focus.column}`)?.setAttribute('tabindex', '-1');
  focus.row = r;
  focus.column = c;
  const target = cell(`${r}:${c}`);
  target?.setAttribute('tabindex', '0');
  if (target && selects) {
    table.querySelector('[aria-selected="true"]')?.setAttribute('aria-selected', 'false');
    target.setAttribute('aria-selected', 'true');
  }
  return target;
}

/** The task instance a cell selects: an unmapped task's, or a mapped task's first expansion. */
function cellRef(row: GridRow | undefined, column: number): string | undefined {
  return row?.cells[column]?.refs[0];
}
