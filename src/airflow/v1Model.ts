// Airflow 2.x (/api/v1): its answers as the model. Most fields are optional in its spec.
import { parsePythonLogRepr, toLines, v1TokenEndOfLog } from './logFormat';
import type { Dag, DagRun, RunState, TaskInstance, TaskInstanceRef } from './model';
import type {
  V1Dag,
  V1DagCollection,
  V1DagDetail,
  V1DagRun,
  V1DagRunCollection,
  V1Health,
  V1ImportErrorCollection,
  V1TaskCollection,
  V1TaskInstance,
  V1TaskInstanceCollection,
  V1TaskInstanceReferenceCollection,
  V1Version,
} from './wire';
import { attemptOf, detailsOf, healthOf, runDatesOf, taskOf, type ModelReader } from './wireModel';

export interface V1Wire {
  version: V1Version;
  health: V1Health;
  dag: V1Dag;
  dags: V1DagCollection;
  details: V1DagDetail;
  tasks: V1TaskCollection;
  run: V1DagRun;
  runs: V1DagRunCollection;
  taskInstances: V1TaskInstanceCollection;
  tries: V1TaskInstanceCollection;
  refs: V1TaskInstanceReferenceCollection;
  log: { content?: string; continuation_token?: string | null };
  importErrors: V1ImportErrorCollection;
}

export const v1Model: ModelReader<V1Wire> = {
  version: (v) => ({ version: v.version ?? 'unknown', gitVersion: v.git_version, api: 'v1' }),
  health: healthOf,
  dag,
  dags: (r) => ({ items: (r.dags ?? []).map(dag), total: r.total_entries ?? 0 }),
  details: (d) => ({ ...detailsOf(dag(d), d), lastParsed: d.last_parsed ?? d.last_parsed_time ?? null }),
  tasks: (r) => (r.tasks ?? []).map((t) => taskOf(t, t.class_ref?.class_name ?? null)),
  run,
  runs: (r) => ({ items: (r.dag_runs ?? []).map(run), total: r.total_entries ?? 0 }),
  taskInstances: (r) => ({ items: (r.task_instances ?? []).map(ti), total: r.total_entries ?? 0 }),
  tries: (r) => (r.task_instances ?? []).map(ti),
  refs,
  log(r) {
    const token = r.continuation_token ?? null;
    const end = token ? (v1TokenEndOfLog(token) ?? true) : true;
    return {
      lines: toLines(parsePythonLogRepr(r.content ?? '')),
      continuationToken: end ? null : token,
      endOfLog: end,
    };
  },
  importErrors: (r) => ({
    items: (r.import_errors ?? []).map((e) => ({
      id: e.import_error_id ?? 0,
      filename: e.filename ?? '',
      stackTrace: e.stack_trace ?? '',
      timestamp: e.timestamp ?? null,
    })),
    total: r.total_entries ?? 0,
  }),
};

function dag(d: V1Dag): Dag {
  const sched = d.schedule_interval as { __type?: string; value?: string } | null | undefined;
  return {
    dagId: d.dag_id ?? '',
    displayName: d.dag_display_name ?? d.dag_id ?? '',
    description: d.description ?? null,
    isPaused: d.is_paused ?? false,
    isActive: d.is_active ?? true,
    owners: d.owners ?? [],
    tags: (d.tags ?? []).map((t) => t.name ?? '').filter(Boolean),
    schedule: sched?.value ?? null,
    scheduleDescription: d.timetable_description ?? null,
    nextRun: d.next_dagrun ?? null,
    fileToken: d.file_token ?? null,
    fileLocation: d.fileloc ?? null,
    hasImportErrors: d.has_import_errors ?? false,
    lastParsed: d.last_parsed_time ?? null,
  };
}

function run(r: V1DagRun): DagRun {
  return {
    dagId: r.dag_id ?? '',
    runId: r.dag_run_id ?? '',
    state: (r.state ?? 'queued') as RunState,
    runType: r.run_type ?? 'manual',
    conf: (r.conf ?? {}) as Record<string, unknown>,
    note: r.note ?? null,
    logicalDate: r.logical_date ?? r.execution_date ?? null,
    queuedAt: null,
    ...runDatesOf(r),
    triggeredBy: r.external_trigger === undefined ? null : r.external_trigger ? 'external' : 'scheduler',
  };
}

function ti(t: V1TaskInstance): TaskInstance {
  return {
    dagId: t.dag_id ?? '',
    runId: t.dag_run_id ?? '',
    taskId: t.task_id ?? '',
    displayName: t.task_display_name ?? t.task_id ?? '',
    mapIndex: t.map_index ?? -1,
    renderedMapIndex: t.rendered_map_index ?? null,
    tryNumber: t.try_number ?? 0,
    maxTries: t.max_tries ?? 0,
    ...attemptOf(t),
    note: t.note ?? null,
    priorityWeight: t.priority_weight ?? null,
  };
}

function refs(r: V1TaskInstanceReferenceCollection): TaskInstanceRef[] {
  return (r.task_instances ?? []).map((x) => ({
    dagId: x.dag_id ?? '',
    runId: x.dag_run_id ?? '',
    taskId: x.task_id ?? '',
  }));
}
