// The messages between the extension and a run view's page, typed once for both sides (the page's
// bundle imports this file too), and the state the page keeps across a window reload.
import type { GanttModel } from './ganttModel';
import type { GraphModel } from './graphModel';
import type { GridModel } from './gridModel';

export type RunViewTab = 'grid' | 'graph' | 'gantt';
export const TABS: readonly RunViewTab[] = ['grid', 'graph', 'gantt'];

/** What the details strip can do with a task instance, each through the command of the same name. */
export type TaskAction = 'openLog' | 'clear' | 'mark' | 'openInWebUi';
export const TASK_ACTIONS: readonly TaskAction[] = ['openLog', 'clear', 'mark', 'openInWebUi'];

/** The details strip of the selected task instance: text only, drawn with `textContent`. */
export interface TaskDetails {
  ref: string;
  label: string;
  state: string;
  tryNumber: number;
  startDate: string | null;
  endDate: string | null;
  duration: string;
  operator: string | null;
  hostname: string | null;
  queue: string | null;
}

/** From the extension to the page. */
export type HostMessage =
  | {
      type: 'show';
      /** The panel's profile and DAG, for the state the page saves. */
      profileId: string | undefined;
      dagId: string;
      grid: GridModel;
      /** Coloured by the selected run. */
      graph: GraphModel;
      gantt: GanttModel | undefined;
      selectedRun: string | undefined;
      details: TaskDetails | undefined;
      /** Whether older runs than the Grid's can be loaded. */
      hasOlder: boolean;
    }
  | { type: 'details'; details: TaskDetails | undefined }
  | { type: 'error'; message: string };

/** From the page to the extension; `ref` is a `refKey` and `runId` a run the page was shown. */
export type PageMessage =
  | { type: 'ready' }
  | { type: 'tab'; tab: RunViewTab }
  | { type: 'select'; ref: string }
  | { type: 'selectRun'; runId: string }
  | { type: 'action'; action: TaskAction; ref: string }
  | { type: 'loadOlder' }
  | { type: 'refresh' };

/** What the page keeps with `setState`, and the serializer gets back after a reload. */
export interface RunViewState {
  profileId: string | undefined;
  dagId: string;
  tab: RunViewTab;
  selectedRun: string | undefined;
  selectedRef: string | undefined;
}

/** The longest id or key a message may carry: more is not an id of Airflow's (its ids are at most 250 characters). */
export const MAX_ID_LENGTH = 1_000;

/** Reads a saved state, or undefined when it is not one (an older version's, or none). */
export function readRunViewState(raw: unknown): RunViewState | undefined {
  if (!isRecord(raw) || !isId(raw.dagId)) return undefined;
  return {
    profileId: isId(raw.profileId) ? raw.profileId : undefined,
    dagId: raw.dagId,
    tab: TABS.includes(raw.tab as RunViewTab) ? (raw.tab as RunViewTab) : 'grid',
    selectedRun: isId(raw.selectedRun) ? raw.selectedRun : undefined,
    selectedRef: isId(raw.selectedRef) ? raw.selectedRef : undefined,
  };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_ID_LENGTH;
}
