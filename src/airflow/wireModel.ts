// How an API generation's answers become the model: the reader each generation gives RestApi
// (v1Model.ts, v2Model.ts), and the pieces of mapping both generations share.
import type * as M from './model';
import type {
  V1DagDetail,
  V1DagRun,
  V1Health,
  V1TaskInstance,
  V2DagDetails,
  V2DagRun,
  V2Health,
  V2TaskInstance,
} from './wire';
import type { V1TaskCollection, V2TaskCollection, V2TaskInstanceHistory } from './wire';

/** The wire type of each answer a generation reads. */
export interface Wire {
  version: unknown;
  health: unknown;
  dag: unknown;
  dags: unknown;
  details: unknown;
  tasks: unknown;
  run: unknown;
  runs: unknown;
  taskInstances: unknown;
  tries: unknown;
  /** What a clear or a state change answers with: the task instances it reached. */
  refs: unknown;
  log: unknown;
  importErrors: unknown;
}

/** Reads each answer of one generation as the model. */
export interface ModelReader<W extends Wire> {
  version(v: W['version']): M.ServerVersion;
  health(h: W['health']): M.Health;
  dag(d: W['dag']): M.Dag;
  dags(r: W['dags']): M.Page<M.Dag>;
  details(d: W['details']): M.DagDetails;
  tasks(r: W['tasks']): M.Task[];
  run(r: W['run']): M.DagRun;
  runs(r: W['runs']): M.Page<M.DagRun>;
  taskInstances(r: W['taskInstances']): M.Page<M.TaskInstance>;
  tries(r: W['tries']): M.TaskInstance[];
  refs(r: W['refs']): M.TaskInstanceRef[];
  log(r: W['log']): M.LogChunk;
  importErrors(r: W['importErrors']): M.Page<M.ImportError>;
}

type Status = 'healthy' | 'unhealthy' | null;

/** Both generations report health alike (v2 leaves out a DAG processor it does not run). */
export function healthOf(h: V1Health | V2Health): M.Health {
  return {
    metadatabase: h.metadatabase && { status: (h.metadatabase.status ?? null) as Status },
    scheduler: h.scheduler && {
      status: (h.scheduler.status ?? null) as Status,
      latestHeartbeat: h.scheduler.latest_scheduler_heartbeat,
    },
    triggerer: h.triggerer && {
      status: (h.triggerer.status ?? null) as Status,
      latestHeartbeat: h.triggerer.latest_triggerer_heartbeat,
    },
    dagProcessor: h.dag_processor && {
      status: (h.dag_processor.status ?? null) as Status,
      latestHeartbeat: h.dag_processor.latest_dag_processor_heartbeat,
    },
  };
}

/** A DAG's details beyond what a DAG list tells. */
export function detailsOf(dag: M.Dag, d: V1DagDetail | V2DagDetails): M.DagDetails {
  return {
    ...dag,
    params: (d.params ?? {}) as Record<string, unknown>,
    docMd: d.doc_md ?? null,
    startDate: d.start_date ?? null,
    catchup: d.catchup ?? null,
    timezone: d.timezone ?? null,
  };
}

/** When a run started and ended, and the data interval it covers. */
export function runDatesOf(r: V1DagRun | V2DagRun) {
  return {
    startDate: r.start_date ?? null,
    endDate: r.end_date ?? null,
    dataIntervalStart: r.data_interval_start ?? null,
    dataIntervalEnd: r.data_interval_end ?? null,
  };
}

type WireTask = NonNullable<V1TaskCollection['tasks']>[number] | V2TaskCollection['tasks'][number];

/** A task of a DAG; the generations name its operator differently. */
export function taskOf(t: WireTask, operator: string | null): M.Task {
  return {
    taskId: t.task_id ?? '',
    displayName: t.task_display_name ?? t.task_id ?? '',
    downstreamTaskIds: t.downstream_task_ids ?? [],
    isMapped: t.is_mapped ?? false,
    operator,
    retries: t.retries ?? null,
  };
}

/** What one attempt of a task instance did, named alike in both generations. */
export function attemptOf(t: V1TaskInstance | V2TaskInstance | V2TaskInstanceHistory) {
  return {
    state: (t.state ?? null) as M.TaskState,
    queuedAt: t.queued_when ?? null,
    startDate: t.start_date ?? null,
    endDate: t.end_date ?? null,
    duration: t.duration ?? null,
    operator: t.operator ?? null,
    hostname: t.hostname || null,
    pool: t.pool ?? null,
    queue: t.queue ?? null,
  };
}
