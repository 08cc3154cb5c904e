// What the extension accepts from a run view's page: a message of a known shape that names only
// task instances and runs it was shown. The page is not trusted: anything else is refused. Pure.
import type { DagRun, TaskInstance } from '../airflow';
import type { GanttModel } from './ganttModel';
import type { GraphModel } from './graphModel';
import type { GridModel } from './gridModel';
import { isId, isRecord, TABS, TASK_ACTIONS, type RunViewTab, type TaskAction } from './protocol';
import { refKey } from './refKeys';

/** A page message with its names looked up: the task instance and run are the extension's own objects. */
export type AcceptedMessage =
  | { type: 'ready' | 'loadOlder' | 'refresh' }
  | { type: 'tab'; tab: RunViewTab }
  | { type: 'select'; ti: TaskInstance }
  | { type: 'selectRun'; run: DagRun }
  | { type: 'action'; action: TaskAction; ti: TaskInstance };

export type Receipt = { ok: true; message: AcceptedMessage } | { ok: false; reason: string };

/** The task instances and runs the page has been shown, by the names it was given for them. */
export class ShownItems {
  private tis = new Map<string, TaskInstance>();
  private runs = new Map<string, DagRun>();

  /** Replaces what the page was shown with what `models` name (every cell, node and bar), from `tis` and `runs`. */
  show(
    models: { grid: GridModel; graph: GraphModel; gantt: GanttModel | undefined },
    runs: readonly DagRun[],
    tis: readonly TaskInstance[],
  ): void {
    const keys = new Set<string>();
    for (const row of walk(models.grid.rows))
      for (const cell of row.cells) for (const k of cell?.refs ?? []) keys.add(k);
    for (const node of models.graph.nodes) for (const k of node.refs) keys.add(k);
    for (const bar of models.gantt?.bars ?? []) keys.add(bar.key);
    this.tis = new Map(tis.map((t) => [refKey(t), t] as const).filter(([k]) => keys.has(k)));
    const columns = new Set(models.grid.columns.map((c) => c.runId));
    this.runs = new Map(runs.filter((r) => columns.has(r.runId)).map((r) => [r.runId, r]));
  }

  ti(key: string): TaskInstance | undefined {
    return this.tis.get(key);
  }

  run(runId: string): DagRun | undefined {
    return this.runs.get(runId);
  }
}

/** Checks a message from the page and looks up what it names among what it was shown. */
export function receive(raw: unknown, shown: ShownItems): Receipt {
  if (!isRecord(raw) || typeof raw.type !== 'string') return refuse('a message without a type');
  switch (raw.type) {
    case 'ready':
    case 'loadOlder':
    case 'refresh':
      return accept({ type: raw.type });
    case 'tab':
      return TABS.includes(raw.tab as RunViewTab)
        ? accept({ type: 'tab', tab: raw.tab as RunViewTab })
        : refuse('an unknown tab');
    case 'select': {
      const ti = shownTi(raw.ref, shown);
      return ti ? accept({ type: 'select', ti }) : refuse('a task instance it was not shown');
    }
    case 'selectRun': {
      const run = isId(raw.runId) ? shown.run(raw.runId) : undefined;
      return run ? accept({ type: 'selectRun', run }) : refuse('a run it was not shown');
    }
    case 'action': {
      if (!TASK_ACTIONS.includes(raw.action as TaskAction)) return refuse('an unknown action');
      const ti = shownTi(raw.ref, shown);
      return ti
        ? accept({ type: 'action', action: raw.action as TaskAction, ti })
        : refuse('a task instance it was not shown');
    }
    default:
      return refuse('an unknown message type');
  }
}

function shownTi(ref: unknown, shown: ShownItems): TaskInstance | undefined {
  return isId(ref) ? shown.ti(ref) : undefined;
}

function* walk<T extends { children: T[] }>(rows: readonly T[]): Generator<T> {
  for (const row of rows) {
    yield row;
    yield* walk(row.children);
  }
}

function accept(message: AcceptedMessage): Receipt {
  return { ok: true, message };
}

function refuse(what: string): Receipt {
  return { ok: false, reason: `The run view's page sent ${what}; it was ignored.` };
}
