// The one domain model over both REST API generations. Callers never branch on v1/v2:
// the readers in v1Model.ts and v2Model.ts turn wire formats into these shapes.

export type ApiVersion = 'v1' | 'v2';

/** Task and run states as Airflow names them; `null` is "no status yet". */
export type TaskState =
  | 'success'
  | 'running'
  | 'failed'
  | 'upstream_failed'
  | 'skipped'
  | 'up_for_retry'
  | 'up_for_reschedule'
  | 'queued'
  | 'scheduled'
  | 'deferred'
  | 'removed'
  | 'restarting'
  // A human-in-the-loop task waiting for a person's answer (3.3+; 3.1 and 3.2 report such a task as `deferred`).
  | 'awaiting_input'
  | 'shutdown'
  | null;
export type RunState = 'queued' | 'running' | 'success' | 'failed';

export interface ServerVersion {
  version: string;
  gitVersion?: string | null;
  api: ApiVersion;
}

export interface ComponentHealth {
  status: 'healthy' | 'unhealthy' | null;
  latestHeartbeat?: string | null;
}

export interface Health {
  metadatabase?: ComponentHealth;
  scheduler?: ComponentHealth;
  triggerer?: ComponentHealth;
  dagProcessor?: ComponentHealth;
}

export interface Dag {
  dagId: string;
  displayName: string;
  description: string | null;
  isPaused: boolean;
  /** False when the DAG's file is gone (v1 `is_active`, v2 `!is_stale`). */
  isActive: boolean;
  owners: string[];
  tags: string[];
  /** Schedule as written (cron, preset or timetable summary). */
  schedule: string | null;
  scheduleDescription: string | null;
  nextRun: string | null;
  fileToken: string | null;
  fileLocation: string | null;
  hasImportErrors: boolean;
  lastParsed: string | null;
}

export interface DagDetails extends Dag {
  /** The trigger form's fields: name -> default value (or a Param object's serialised form). */
  params: Record<string, unknown>;
  docMd: string | null;
  startDate: string | null;
  catchup: boolean | null;
  timezone: string | null;
}

export interface DagRun {
  dagId: string;
  runId: string;
  state: RunState;
  runType: string;
  conf: Record<string, unknown>;
  note: string | null;
  logicalDate: string | null;
  queuedAt: string | null;
  startDate: string | null;
  endDate: string | null;
  dataIntervalStart: string | null;
  dataIntervalEnd: string | null;
  /** v2 `triggered_by` (e.g. "rest_api", "ui"), v1 "external" or "scheduler". */
  triggeredBy: string | null;
  /**
   * The DAG version the run uses (v2: the newest of its `dag_versions`); absent where the API has
   * no versions (v1). Runs of one version share one task structure.
   */
  dagVersion?: string | null;
}

export interface TaskInstance {
  dagId: string;
  runId: string;
  taskId: string;
  displayName: string;
  /** -1 for an unmapped task. */
  mapIndex: number;
  renderedMapIndex: string | null;
  tryNumber: number;
  maxTries: number;
  state: TaskState;
  /** When the scheduler queued the try (the Gantt's queued phase runs from here to `startDate`). */
  queuedAt: string | null;
  startDate: string | null;
  endDate: string | null;
  duration: number | null;
  operator: string | null;
  hostname: string | null;
  pool: string | null;
  queue: string | null;
  note: string | null;
  /** With the default weight rule, upstream tasks weigh more: a stand-in for DAG order. */
  priorityWeight: number | null;
}

export interface Task {
  taskId: string;
  displayName: string;
  downstreamTaskIds: string[];
  isMapped: boolean;
  operator: string | null;
  retries: number | null;
}

export interface ImportError {
  id: number;
  filename: string;
  stackTrace: string;
  timestamp: string | null;
}

export interface Page<T> {
  items: T[];
  /** What the server says matches, over all pages. */
  total: number;
}

export interface PageRequest {
  limit?: number;
  offset?: number;
}

/** Identifies one task instance (and, for logs, one try). */
export interface TaskInstanceRef {
  dagId: string;
  runId: string;
  taskId: string;
  /** -1 or undefined for an unmapped task. */
  mapIndex?: number;
}

export interface LogChunk {
  /** Text lines, already normalised for both API versions. */
  lines: string[];
  /** Pass back to read the rest; null when the server says the log is complete. */
  continuationToken: string | null;
  /** True when the server reported the end of the log. */
  endOfLog: boolean;
}

export const FINAL_RUN_STATES: ReadonlySet<RunState> = new Set(['success', 'failed']);
export const FINAL_TASK_STATES: ReadonlySet<TaskState> = new Set([
  'success',
  'failed',
  'upstream_failed',
  'skipped',
  'removed',
]);

/** True for a task state that will not change by itself (null, not yet scheduled, is not final). */
export function isFinalTaskState(state: string | null | undefined): boolean {
  return (FINAL_TASK_STATES as ReadonlySet<string | null | undefined>).has(state);
}

/** `task`, or `task [3]` for one expansion of a mapped task (plus its rendered name when it has one). */
export function taskLabel(t: { taskId: string; mapIndex?: number; renderedMapIndex?: string | null }): string {
  const mapIndex = t.mapIndex ?? -1;
  if (mapIndex < 0) return t.taskId;
  const rendered = t.renderedMapIndex && t.renderedMapIndex !== String(mapIndex) ? ` ${t.renderedMapIndex}` : '';
  return `${t.taskId} [${mapIndex}]${rendered}`;
}
