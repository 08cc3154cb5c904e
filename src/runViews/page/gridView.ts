// The Grid on the page: a header of runs (bar height by duration), a row per task or group, the
// cells reachable by arrow keys; Enter opens the selected task instance's log. Text by textContent.
import type { GridModel, GridRow } from '../gridModel';
import { moveFocus, visibleRows, type GridFocus } from '../gridNavigation';
import { el, shortDuration, stateName, stateWords } from './dom';

export interface GridHandlers {
  select(ref: string, runId: string): void;
  openLog(ref: string): void;
  toggle(rowKey: string): void;
}

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
  // A redraw (a refresh, another run selected) keeps the keyboard where it was.
  const hadFocus = root.contains(document.activeElement);
  const table = el('table', {
    role: 'grid',
    class: 'grid',
    'aria-label': `Task instances of the last ${grid.columns.length} runs`,
  });
  const head = el('tr', { role: 'row' });
  head.append(el('th', { role: 'columnheader', class: 'task-name' }, 'Task'));
  for (const c of grid.columns) {
    const th = el('th', {
      role: 'columnheader',
      class: 'run',
      'data-state': stateName(c.state),
      'data-run': c.runId,
      'aria-label': `Run ${c.runId}, ${stateWords(c.state)}, ${c.runType.replace(/_/g, ' ')}${c.duration !== undefined ? `, ${shortDuration(c.duration)}` : ''}`,
      title: `${c.runId}\n${stateWords(c.state)} · ${c.runType} · ${shortDuration(c.duration)}`,
    });
    const bar = el('div', { class: 'run-bar' });
    bar.style.height = `${Math.max(4, Math.round(c.barHeight * 40))}px`;
    th.append(bar);
    head.append(th);
  }
  table.append(head);
  rows.forEach((row, r) => table.append(drawRow(row, r, grid, collapsed, focus, selectedRef, on)));
  table.addEventListener('keydown', (e) => {
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
    focus.row = next.row;
    focus.column = next.column;
    const cell = table.querySelector<HTMLElement>(`[data-cell="${next.row}:${next.column}"]`);
    cell?.focus();
    const ref = cellRef(rows[next.row], next.column);
    if (ref) on.select(ref, grid.columns[next.column].runId);
  });
  root.replaceChildren(table);
  if (hadFocus) table.querySelector<HTMLElement>(`[data-cell="${focus.row}:${focus.column}"]`)?.focus();
}

function drawRow(
  row: GridRow,
  r: number,
  grid: GridModel,
  collapsed: ReadonlySet<string>,
  focus: GridFocus,
  selectedRef: string | undefined,
  on: GridHandlers,
): HTMLTableRowElement {
  const tr = el('tr', { role: 'row' });
  const name = el('th', { role: 'rowheader', class: `task-name depth-${Math.min(row.depth, 8)}` });
  if (row.kind === 'group') {
    const open = !collapsed.has(row.key);
    const button = el(
      'button',
      { class: 'toggle', 'aria-expanded': String(open), 'aria-label': `Task group ${row.id}` },
      open ? '▾' : '▸',
    );
    button.addEventListener('click', () => on.toggle(row.key));
    name.append(button);
  }
  name.append(el('span', {}, row.mapped ? `${row.label} [ ]` : row.label));
  tr.append(name);
  row.cells.forEach((cell, c) => {
    const run = grid.columns[c];
    const at = focus.row === r && focus.column === c;
    const td = el('td', {
      role: 'gridcell',
      class: 'cell',
      tabindex: at ? '0' : '-1',
      'data-cell': `${r}:${c}`,
      'data-task': row.id,
      'data-run': run.runId,
      'data-state': cell ? stateName(cell.state) : 'absent',
      'aria-selected': String(!!cell && cell.refs.length > 0 && cell.refs[0] === selectedRef),
      'aria-label': `${row.kind === 'group' ? 'Group' : 'Task'} ${row.id}, run ${run.runId}: ${cell ? stateWords(cell.state) : 'no task instance'}${cell?.count !== undefined ? `, ${cell.count} mapped` : ''}`,
    });
    if (cell?.count !== undefined) td.append(el('span', { class: 'count' }, String(cell.count)));
    td.addEventListener('click', () => {
      focus.row = r;
      focus.column = c;
      const ref = cellRef(row, c);
      if (ref) on.select(ref, run.runId);
      else if (row.kind === 'group') on.toggle(row.key);
    });
    tr.append(td);
  });
  return tr;
}

/** The task instance a cell selects: an unmapped task's, or a mapped task's first expansion. */
function cellRef(row: GridRow | undefined, column: number): string | undefined {
  return row?.cells[column]?.refs[0];
}
