// The operations every API version implements (v1.ts, v2.ts). Options are version-neutral.
import type { LineSink, LogStreamEnd } from './logStream';
import type * as M from './model';

export interface DagFilter {
  /** SQL LIKE pattern on the DAG id (`%` wildcards; a plain word matches anywhere). */
  idPattern?: string;
  /** v2 only: pattern on the display name. */
  displayNamePattern?: string;
  /** Pattern on what people call the DAG: its display name where the server can search it (v2), else its id. */
  namePattern?: string;
  tags?: string[];
  /** true: only paused; false: only unpaused; undefined: both. */
  paused?: boolean;
  /** Only DAGs whose file still exists (default true). */
  onlyActive?: boolean;
  /** DAGs whose latest run has this state, where `features.lastRunStateFilter` says the server can; else ignored. */
  lastRunState?: M.RunState;
}

export interface RunFilter {
  states?: M.RunState[];
}

/** Runs of all DAGs that ended in one of `states` at or after a time (recent failures across all DAGs). */
export interface EndedRunsFilter {
  /** At least one. */
  states: M.RunState[];
  /** ISO date-time with a zone: runs that ended at or after it. */
  endedSince: string;
}

export interface TriggerOptions {
  conf?: Record<string, unknown>;
  /** ISO date-time with zone; null or absent: no logical date (3.x) / now (2.x). */
  logicalDate?: string | null;
  runId?: string;
  note?: string;
}

/** A task to act on: a task id, or one expansion of a mapped task. */
export type TaskSelector = string | { taskId: string; mapIndex: number };

export interface ClearTasksOptions {
  runId: string;
  tasks?: TaskSelector[];
  includeUpstream?: boolean;
  includeDownstream?: boolean;
  /** Only clear failed task instances (server default: true). */
  onlyFailed?: boolean;
  /** Preview: return what would be cleared, change nothing. Default false. */
  dryRun?: boolean;
}

export interface SetTaskStateOptions {
  includeUpstream?: boolean;
  includeDownstream?: boolean;
  includeFuture?: boolean;
  includePast?: boolean;
  /** Preview: return what would change, change nothing. Default false. */
  dryRun?: boolean;
}

export interface LogRequest {
  tryNumber: number;
  token?: string | null;
  /** Ask for the whole log in one response (no continuation). */
  fullContent?: boolean;
  /** The try has ended, so its log will not grow: it may come as one streamed answer without a token. */
  ended?: boolean;
}

export type Call = { signal?: AbortSignal };

/** What one API version can do, so callers ask about a feature instead of a version. */
export interface ApiFeatures {
  /** The server filters DAGs by their latest run's state (`DagFilter.lastRunState`). */
  lastRunStateFilter: boolean;
  /** The server lists a task instance's tries (v1 from Airflow 2.10 on; see versionGaps.ts). */
  taskTries: boolean;
  /** `DagFilter.idPattern` takes `a|b` as "a or b" (v2), so several ids fit in one request. */
  idPatternOr: boolean;
}

export interface ApiOperations {
  readonly features: ApiFeatures;
  version(c?: Call): Promise<M.ServerVersion>;
  health(c?: Call): Promise<M.Health>;
  listDags(filter: DagFilter, page: Required<M.PageRequest>, c?: Call): Promise<M.Page<M.Dag>>;
  dagDetails(dagId: string, c?: Call): Promise<M.DagDetails>;
  setPaused(dagId: string, paused: boolean, c?: Call): Promise<M.Dag>;
  setPausedByPattern(idPattern: string, paused: boolean, c?: Call): Promise<M.Dag[]>;
  listTasks(dagId: string, c?: Call): Promise<M.Task[]>;
  listDagRuns(dagId: string, filter: RunFilter, page: Required<M.PageRequest>, c?: Call): Promise<M.Page<M.DagRun>>;
  listRunsOfDags(dagIds: string[], page: Required<M.PageRequest>, c?: Call): Promise<M.Page<M.DagRun>>;
  /** One page of the runs of all DAGs that ended as the filter says, newest-ended first (the batch list). */
  listEndedRuns(filter: EndedRunsFilter, page: Required<M.PageRequest>, c?: Call): Promise<M.Page<M.DagRun>>;
  getDagRun(dagId: string, runId: string, c?: Call): Promise<M.DagRun>;
  trigger(dagId: string, opts: TriggerOptions, c?: Call): Promise<M.DagRun>;
  clearDagRun(
    dagId: string,
    runId: string,
    opts: { onlyFailed?: boolean; dryRun?: boolean },
    c?: Call,
  ): Promise<M.TaskInstanceRef[]>;
  setDagRunState(dagId: string, runId: string, state: M.RunState, c?: Call): Promise<M.DagRun>;
  deleteDagRun(dagId: string, runId: string, c?: Call): Promise<void>;
  listTaskInstances(
    dagId: string,
    runId: string,
    page: Required<M.PageRequest>,
    c?: Call,
  ): Promise<M.Page<M.TaskInstance>>;
  /** One page of the task instances of some runs of one DAG, in one request (the batch list). */
  listTaskInstancesOfRuns(
    dagId: string,
    runIds: readonly string[],
    page: Required<M.PageRequest>,
    c?: Call,
  ): Promise<M.Page<M.TaskInstance>>;
  listTries(ref: M.TaskInstanceRef, c?: Call): Promise<M.TaskInstance[]>;
  clearTaskInstances(dagId: string, opts: ClearTasksOptions, c?: Call): Promise<M.TaskInstanceRef[]>;
  setTaskInstanceState(
    ref: M.TaskInstanceRef,
    state: M.TaskState & string,
    opts: SetTaskStateOptions,
    c?: Call,
  ): Promise<M.TaskInstanceRef[]>;
  readLog(ref: M.TaskInstanceRef, req: LogRequest, c?: Call): Promise<M.LogChunk>;
  /** Like readLog, but the lines go to `sink` in slices as the answer arrives. */
  streamLog(ref: M.TaskInstanceRef, req: LogRequest, sink: LineSink, c?: Call): Promise<LogStreamEnd>;
  dagSource(dag: { dagId: string; fileToken: string | null }, c?: Call): Promise<string>;
  listImportErrors(page: Required<M.PageRequest>, c?: Call): Promise<M.Page<M.ImportError>>;
}
