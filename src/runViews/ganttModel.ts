// The Gantt of one run: each task instance that was queued or started as a bar on a time axis, its
// queued and running phases apart, in start order; a running one grows until now. Pure: no `vscode` import.
import { taskLabel, type TaskInstance, type TaskState } from '../airflow';
import { refKey } from './refKeys';

/** A phase of a bar, as fractions of the axis (0 its start, 1 its end). */
export interface GanttSpan {
  from: number;
  to: number;
}

export interface GanttBar {
  key: string;
  /** `task`, or `task [3]` for an expansion. */
  label: string;
  state: TaskState;
  tryNumber: number;
  queuedAt: string | null;
  startDate: string | null;
  endDate: string | null;
  /** From queued to started (or to now, still queued). */
  queued: GanttSpan | undefined;
  /** From started to ended (or to now, still running). */
  running: GanttSpan | undefined;
}

export interface GanttModel {
  runId: string;
  /** The axis, in milliseconds since the epoch. */
  start: number;
  end: number;
  bars: GanttBar[];
}

/** The Gantt of run `runId` from its task instances (others are left out); `now` ends what has not ended. */
export function ganttModel(runId: string, tis: readonly TaskInstance[], now = Date.now()): GanttModel {
  const timed = tis
    .filter((t) => t.runId === runId)
    .map((ti) => ({ ti, queued: time(ti.queuedAt), started: time(ti.startDate), ended: time(ti.endDate) }))
    .filter((t) => t.queued !== undefined || t.started !== undefined);
  // A queued time after the start belongs to a later try than the dates: it is no phase of this one.
  for (const t of timed)
    if (t.queued !== undefined && t.started !== undefined && t.queued > t.started) t.queued = undefined;
  timed.sort(
    (a, b) =>
      order(a.started, b.started) ||
      order(a.queued, b.queued) ||
      (a.ti.taskId < b.ti.taskId ? -1 : a.ti.taskId > b.ti.taskId ? 1 : a.ti.mapIndex - b.ti.mapIndex),
  );
  const ends = timed.map((t) => t.ended ?? (t.started !== undefined || t.queued !== undefined ? now : undefined));
  const starts = timed.map((t) => t.queued ?? t.started!);
  const start = starts.length ? Math.min(...starts) : now;
  const end = Math.max(start, ...ends.map((e) => e ?? start));
  const at = (ms: number) => (end > start ? (ms - start) / (end - start) : 0);
  const span = (from: number, to: number): GanttSpan => ({ from: at(from), to: at(Math.max(from, to)) });
  return {
    runId,
    start,
    end,
    bars: timed.map(({ ti, queued, started, ended }) => ({
      key: refKey(ti),
      label: taskLabel(ti),
      state: ti.state,
      tryNumber: ti.tryNumber,
      queuedAt: ti.queuedAt,
      startDate: ti.startDate,
      endDate: ti.endDate,
      queued: queued !== undefined ? span(queued, started ?? ended ?? now) : undefined,
      running: started !== undefined ? span(started, ended ?? now) : undefined,
    })),
  };
}

function time(iso: string | null): number | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Earlier first; a missing time after every present one. */
function order(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a - b;
}
