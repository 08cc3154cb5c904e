// The Grid of a DAG: its recent runs as columns (oldest left, as Airflow draws them), its tasks as
// rows in the explorer tree's order and group nesting, each cell the state of that task in that run.
import type { DagRun, RunState, TaskInstance, TaskState } from '../airflow';
import {
  combinedState,
  labelInGroup,
  taskTree,
  type DagStructure,
  type TaskTreeEntry,
} from '../views/explorer/taskGroups';
import { secondsBetween } from '../views/format';
import { refKey, rowKey } from './refKeys';

export interface GridColumn {
  runId: string;
  state: RunState;
  runType: string;
  /** What the run is for: its logical date, else when it was queued or started. */
  date: string | null;
  startDate: string | null;
  endDate: string | null;
  /** Seconds from its start to its end, or until now while it runs; undefined before it starts. */
  duration: number | undefined;
  /** Its duration against the longest of the columns (0 to 1): the height of the header's bar. */
  barHeight: number;
}

export interface GridCell {
  state: TaskState;
  /** The task instances the cell stands for, by `refKey`: one, or a mapped task's expansions in map-index order. */
  refs: string[];
  /** A mapped task's number of expansions in this run. */
  count?: number;
  /** An unmapped task's try. */
  tryNumber?: number;
}

export interface GridRow {
  kind: 'task' | 'group';
  /** Unique among the rows (`rowKey`). */
  key: string;
  /** The task id or the group id. */
  id: string;
  /** Its name inside its group. */
  label: string;
  /** 0 at the top level, one more per group it is in. */
  depth: number;
  mapped: boolean;
  /** One per column, in column order; undefined where that run has no instance of it. A group's is its worst state. */
  cells: (GridCell | undefined)[];
  /** A group's rows. */
  children: GridRow[];
}

export interface GridModel {
  dagId: string;
  columns: GridColumn[];
  rows: GridRow[];
}

/**
 * The Grid of `runs` (as listed: newest first) from the task instances of those runs. Rows come from
 * the explorer's own `taskTree`, so they are ordered and nested as under a run in the tree, and a
 * group's cell takes its state by the tree's precedence (`combinedState`).
 */
export function gridModel(
  dagId: string,
  runs: readonly DagRun[],
  tis: readonly TaskInstance[],
  structure: DagStructure | undefined,
  now = Date.now(),
): GridModel {
  const ordered = [...runs].reverse();
  const durations = ordered.map((r) => secondsBetween(r.startDate, r.endDate, now));
  const longest = Math.max(0, ...durations.map((d) => d ?? 0));
  const columns = ordered.map((r, i) => ({
    runId: r.runId,
    state: r.state,
    runType: r.runType,
    date: r.logicalDate ?? r.queuedAt ?? r.startDate,
    startDate: r.startDate,
    endDate: r.endDate,
    duration: durations[i],
    barHeight: longest > 0 ? (durations[i] ?? 0) / longest : 0,
  }));
  const column = new Map(ordered.map((r, i) => [r.runId, i]));
  const shown = tis.filter((t) => column.has(t.runId));
  const rows = (entries: TaskTreeEntry[], depth: number, groupId?: string): GridRow[] =>
    entries.map((e) => {
      const byColumn = perColumn(e.tis, column, columns.length);
      if (e.kind === 'group')
        return {
          kind: 'group',
          key: rowKey('group', e.groupId),
          id: e.groupId,
          label: e.label,
          depth,
          mapped: false,
          cells: byColumn.map((list) => list && { state: combinedState(list), refs: [] }),
          children: rows(e.children, depth + 1, e.groupId),
        };
      const mapped = e.tis.some((t) => t.mapIndex >= 0);
      return {
        kind: 'task',
        key: rowKey('task', e.taskId),
        id: e.taskId,
        label: labelInGroup(e.taskId, groupId),
        depth,
        mapped,
        cells: byColumn.map((list) => list && taskCell(list, mapped)),
        children: [],
      };
    });
  return { dagId, columns, rows: rows(taskTree(shown, structure), 0) };
}

/** The task instances of each column, undefined where there are none. */
function perColumn(
  tis: readonly TaskInstance[],
  column: ReadonlyMap<string, number>,
  columns: number,
): (TaskInstance[] | undefined)[] {
  const out: (TaskInstance[] | undefined)[] = new Array(columns).fill(undefined);
  for (const ti of tis) {
    const i = column.get(ti.runId)!;
    (out[i] ??= []).push(ti);
  }
  return out;
}

function taskCell(tis: TaskInstance[], mapped: boolean): GridCell {
  const refs = tis.map(refKey);
  if (mapped) return { state: combinedState(tis), refs, count: tis.filter((t) => t.mapIndex >= 0).length };
  return { state: tis[0].state, refs, tryNumber: tis[0].tryNumber };
}
