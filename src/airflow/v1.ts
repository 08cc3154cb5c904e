// Airflow 2.x: /api/v1.
import { seg } from './baseUrl';
import type { Http, ProbeRequest } from './http';
import { parsePythonLogRepr, toLines, v1TokenEndOfLog } from './logFormat';
import { emitter, type LineSink, type LogStreamEnd } from './logStream';
import { v1LogLines } from './v1LogStream';
import type {
  Dag,
  DagDetails,
  DagRun,
  Health,
  ImportError,
  LogChunk,
  Page,
  RunState,
  ServerVersion,
  Task,
  TaskInstance,
  TaskInstanceRef,
  TaskState,
} from './model';
import type {
  ApiOperations,
  Call,
  ClearTasksOptions,
  DagFilter,
  LogRequest,
  RunFilter,
  SetTaskStateOptions,
  TriggerOptions,
} from './operations';
import type {
  V1ClearTaskInstances,
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
  V1TriggerBody,
  V1UpdateTaskInstancesState,
  V1Version,
} from './wire';

const B = 'api/v1';

/** Airflow 2 answers 403 for a wrong password; listing one DAG tells that apart from a missing permission. */
export const V1_FORBIDDEN_PROBE: ProbeRequest = { path: `${B}/dags`, query: { limit: 1 } };

export class V1Api implements ApiOperations {
  readonly features = { lastRunStateFilter: false, taskTries: true, idPatternOr: false };

  /** `http` should carry V1_FORBIDDEN_PROBE (the client passes it); version detection may do without. */
  constructor(private readonly http: Http) {}

  async version(c: Call = {}): Promise<ServerVersion> {
    const v = await this.http.json<V1Version>('GET', `${B}/version`, { ...c, anonymous: true });
    return { version: v.version ?? 'unknown', gitVersion: v.git_version, api: 'v1' };
  }

  async health(c: Call = {}): Promise<Health> {
    const h = await this.http.json<V1Health>('GET', `${B}/health`, { ...c, anonymous: true });
    return {
      metadatabase: h.metadatabase && { status: h.metadatabase.status ?? null },
      scheduler: h.scheduler && {
        status: h.scheduler.status ?? null,
        latestHeartbeat: h.scheduler.latest_scheduler_heartbeat,
      },
      triggerer: h.triggerer && {
        status: h.triggerer.status ?? null,
        latestHeartbeat: h.triggerer.latest_triggerer_heartbeat,
      },
      dagProcessor: h.dag_processor && {
        status: h.dag_processor.status ?? null,
        latestHeartbeat: h.dag_processor.latest_dag_processor_heartbeat,
      },
    };
  }

  async listDags(f: DagFilter, page: { limit: number; offset: number }, c: Call = {}): Promise<Page<Dag>> {
    const r = await this.http.json<V1DagCollection>('GET', `${B}/dags`, {
      ...c,
      query: {
        ...page,
        order_by: 'dag_id',
        dag_id_pattern: f.idPattern ?? f.namePattern,
        tags: f.tags,
        paused: f.paused,
        only_active: f.onlyActive ?? true,
      },
    });
    return { items: (r.dags ?? []).map(dag), total: r.total_entries ?? 0 };
  }

  async dagDetails(dagId: string, c: Call = {}): Promise<DagDetails> {
    const d = await this.http.json<V1DagDetail>('GET', `${B}/dags/${seg(dagId)}/details`, {
      ...c,
      what: `DAG "${dagId}"`,
    });
    return {
      ...dag(d),
      params: (d.params ?? {}) as Record<string, unknown>,
      docMd: d.doc_md ?? null,
      startDate: d.start_date ?? null,
      catchup: d.catchup ?? null,
      timezone: d.timezone ?? null,
      lastParsed: d.last_parsed ?? d.last_parsed_time ?? null,
    };
  }

  async setPaused(dagId: string, paused: boolean, c: Call = {}): Promise<Dag> {
    const d = await this.http.json<V1Dag>('PATCH', `${B}/dags/${seg(dagId)}`, {
      ...c,
      query: { update_mask: 'is_paused' },
      json: { is_paused: paused },
      idempotent: true,
      what: `DAG "${dagId}"`,
    });
    return dag(d);
  }

  async setPausedByPattern(idPattern: string, paused: boolean, c: Call = {}): Promise<Dag[]> {
    const r = await this.http.json<V1DagCollection>('PATCH', `${B}/dags`, {
      ...c,
      query: { update_mask: 'is_paused', dag_id_pattern: idPattern, limit: 100 },
      json: { is_paused: paused },
      idempotent: true,
    });
    return (r.dags ?? []).map(dag);
  }

  async listTasks(dagId: string, c: Call = {}): Promise<Task[]> {
    const r = await this.http.json<V1TaskCollection>('GET', `${B}/dags/${seg(dagId)}/tasks`, {
      ...c,
      what: `DAG "${dagId}"`,
    });
    return (r.tasks ?? []).map((t) => ({
      taskId: t.task_id ?? '',
      displayName: t.task_display_name ?? t.task_id ?? '',
      downstreamTaskIds: t.downstream_task_ids ?? [],
      isMapped: t.is_mapped ?? false,
      operator: t.class_ref?.class_name ?? null,
      retries: t.retries ?? null,
    }));
  }

  async listDagRuns(
    dagId: string,
    f: RunFilter,
    page: { limit: number; offset: number },
    c: Call = {},
  ): Promise<Page<DagRun>> {
    const r = await this.http.json<V1DagRunCollection>('GET', `${B}/dags/${seg(dagId)}/dagRuns`, {
      ...c,
      query: { ...page, order_by: '-execution_date', state: f.states },
      what: `DAG "${dagId}"`,
    });
    return { items: (r.dag_runs ?? []).map(run), total: r.total_entries ?? 0 };
  }

  async listRunsOfDags(dagIds: string[], page: { limit: number; offset: number }, c: Call = {}): Promise<Page<DagRun>> {
    const r = await this.http.json<V1DagRunCollection>('POST', `${B}/dags/~/dagRuns/list`, {
      ...c,
      json: { dag_ids: dagIds, order_by: '-execution_date', page_limit: page.limit, page_offset: page.offset },
      idempotent: true,
    });
    return { items: (r.dag_runs ?? []).map(run), total: r.total_entries ?? 0 };
  }

  async getRun(dagId: string, runId: string, c: Call = {}): Promise<DagRun> {
    const r = await this.http.json<V1DagRun>('GET', `${B}/dags/${seg(dagId)}/dagRuns/${seg(runId)}`, {
      ...c,
      what: `run "${runId}" of DAG "${dagId}"`,
    });
    return run(r);
  }

  async trigger(dagId: string, o: TriggerOptions, c: Call = {}): Promise<DagRun> {
    const body: V1TriggerBody = { conf: (o.conf ?? {}) as V1TriggerBody['conf'] };
    if (o.runId) body.dag_run_id = o.runId;
    if (o.logicalDate) body.logical_date = o.logicalDate;
    if (o.note) body.note = o.note;
    const r = await this.http.json<V1DagRun>('POST', `${B}/dags/${seg(dagId)}/dagRuns`, {
      ...c,
      json: body,
      what: `DAG "${dagId}"`,
    });
    return run(r);
  }

  async clearRun(
    dagId: string,
    runId: string,
    o: { onlyFailed?: boolean; dryRun?: boolean },
    c: Call = {},
  ): Promise<TaskInstanceRef[]> {
    if (o.onlyFailed) {
      // v1's run-level clear has no "only failed"; the task-level clear with the run id does the same.
      return this.clearTasks(dagId, { runId, onlyFailed: true, dryRun: o.dryRun }, c);
    }
    const r = await this.http.json<V1TaskInstanceReferenceCollection | V1DagRun>(
      'POST',
      `${B}/dags/${seg(dagId)}/dagRuns/${seg(runId)}/clear`,
      {
        ...c,
        json: { dry_run: o.dryRun ?? false },
        idempotent: o.dryRun === true,
        what: `run "${runId}" of DAG "${dagId}"`,
      },
    );
    return 'task_instances' in r ? refs(r) : [];
  }

  async setRunState(dagId: string, runId: string, state: RunState, c: Call = {}): Promise<DagRun> {
    const r = await this.http.json<V1DagRun>('PATCH', `${B}/dags/${seg(dagId)}/dagRuns/${seg(runId)}`, {
      ...c,
      json: { state },
      idempotent: true,
      what: `run "${runId}" of DAG "${dagId}"`,
    });
    return run(r);
  }

  async deleteRun(dagId: string, runId: string, c: Call = {}): Promise<void> {
    await this.http.send('DELETE', `${B}/dags/${seg(dagId)}/dagRuns/${seg(runId)}`, {
      ...c,
      what: `run "${runId}" of DAG "${dagId}"`,
    });
  }

  async listTaskInstances(
    dagId: string,
    runId: string,
    page: { limit: number; offset: number },
    c: Call = {},
  ): Promise<Page<TaskInstance>> {
    const r = await this.http.json<V1TaskInstanceCollection>(
      'GET',
      `${B}/dags/${seg(dagId)}/dagRuns/${seg(runId)}/taskInstances`,
      {
        ...c,
        query: page,
        what: `run "${runId}" of DAG "${dagId}"`,
      },
    );
    return { items: (r.task_instances ?? []).map(ti), total: r.total_entries ?? 0 };
  }

  async listTries(ref: TaskInstanceRef, c: Call = {}): Promise<TaskInstance[]> {
    const r = await this.http.json<V1TaskInstanceCollection>('GET', `${tiPath(ref)}/tries`, {
      ...c,
      query: { limit: 100 },
      what: `task "${ref.taskId}" in run "${ref.runId}"`,
    });
    return (r.task_instances ?? []).map(ti).sort((a, b) => a.tryNumber - b.tryNumber);
  }

  async clearTasks(dagId: string, o: ClearTasksOptions, c: Call = {}): Promise<TaskInstanceRef[]> {
    const body: V1ClearTaskInstances = {
      dry_run: o.dryRun ?? false,
      dag_run_id: o.runId,
      only_failed: o.onlyFailed ?? false,
      include_upstream: o.includeUpstream ?? false,
      include_downstream: o.includeDownstream ?? false,
      include_future: false,
      include_past: false,
      only_running: false,
      reset_dag_runs: true,
    };
    if (o.tasks?.length) {
      // v1 clears a task with all its expansions; a map index cannot be singled out here.
      body.task_ids = [...new Set(o.tasks.map((t) => (typeof t === 'string' ? t : t.taskId)))];
    }
    const r = await this.http.json<V1TaskInstanceReferenceCollection>(
      'POST',
      `${B}/dags/${seg(dagId)}/clearTaskInstances`,
      {
        ...c,
        json: body,
        idempotent: o.dryRun === true,
        what: `DAG "${dagId}"`,
      },
    );
    return refs(r);
  }

  async setTaskState(
    ref: TaskInstanceRef,
    state: TaskState & string,
    o: SetTaskStateOptions,
    c: Call = {},
  ): Promise<TaskInstanceRef[]> {
    const body: V1UpdateTaskInstancesState = {
      dry_run: o.dryRun ?? false,
      task_id: ref.taskId,
      dag_run_id: ref.runId,
      include_upstream: o.includeUpstream ?? false,
      include_downstream: o.includeDownstream ?? false,
      include_future: o.includeFuture ?? false,
      include_past: o.includePast ?? false,
      new_state: state as V1UpdateTaskInstancesState['new_state'],
    };
    if (ref.mapIndex !== undefined && ref.mapIndex >= 0) {
      // One expansion: only the per-task-instance endpoint takes a map index in v1 (no include_* there).
      const one = await this.http.json<{ task_id?: string; dag_run_id?: string; dag_id?: string }>(
        'PATCH',
        tiPath(ref),
        {
          ...c,
          json: { dry_run: o.dryRun ?? false, new_state: state },
          idempotent: true,
          what: `task "${ref.taskId}" [${ref.mapIndex}] in run "${ref.runId}"`,
        },
      );
      return [
        {
          dagId: one.dag_id ?? ref.dagId,
          runId: one.dag_run_id ?? ref.runId,
          taskId: one.task_id ?? ref.taskId,
          mapIndex: ref.mapIndex,
        },
      ];
    }
    const r = await this.http.json<V1TaskInstanceReferenceCollection>(
      'POST',
      `${B}/dags/${seg(ref.dagId)}/updateTaskInstancesState`,
      {
        ...c,
        json: body,
        idempotent: true,
        what: `task "${ref.taskId}" in run "${ref.runId}"`,
      },
    );
    return refs(r);
  }

  async readLog(ref: TaskInstanceRef, req: LogRequest, c: Call = {}): Promise<LogChunk> {
    const r = await this.http.json<{ content?: string; continuation_token?: string | null }>(
      'GET',
      `${tiPath(ref, false)}/logs/${req.tryNumber}`,
      {
        ...c,
        query: {
          map_index: ref.mapIndex ?? -1,
          token: req.token ?? undefined,
          full_content: req.fullContent ? true : undefined,
        },
        what: `log of try ${req.tryNumber} of task "${ref.taskId}" in run "${ref.runId}"`,
        bodyKind: 'log',
      },
    );
    const token = r.continuation_token ?? null;
    const end = token ? (v1TokenEndOfLog(token) ?? true) : true;
    return {
      lines: toLines(parsePythonLogRepr(r.content ?? '')),
      continuationToken: end ? null : token,
      endOfLog: end,
    };
  }

  // Ended try: `text/plain`, streamed as Airflow 2 reads it. Running: JSON for its token, undone as it arrives.
  async streamLog(ref: TaskInstanceRef, req: LogRequest, sink: LineSink, c: Call = {}): Promise<LogStreamEnd> {
    const out = emitter(sink);
    let reader: ReturnType<typeof v1LogLines> | undefined;
    await this.http.stream(
      'GET',
      `${tiPath(ref, false)}/logs/${req.tryNumber}`,
      {
        ...c,
        query: {
          map_index: ref.mapIndex ?? -1,
          token: req.token ?? undefined,
          full_content: req.fullContent ? true : undefined,
        },
        what: `log of try ${req.tryNumber} of task "${ref.taskId}" in run "${ref.runId}"`,
        accept: req.ended && !req.token ? 'text/plain' : 'application/json',
        bodyKind: 'logStream',
      },
      (type) => (reader = v1LogLines(type, out.emit)),
    );
    const token = typeof reader?.rest.continuation_token === 'string' ? reader.rest.continuation_token : null;
    return token && v1TokenEndOfLog(token) === false
      ? { continuationToken: token, endOfLog: false, lines: out.count }
      : { continuationToken: null, endOfLog: true, lines: out.count };
  }

  async dagSource(d: { dagId: string; fileToken: string | null }, c: Call = {}): Promise<string> {
    let token = d.fileToken;
    if (!token) token = (await this.dagDetails(d.dagId, c)).fileToken;
    if (!token) throw new Error(`DAG "${d.dagId}" has no file token`);
    const r = await this.http.json<{ content?: string }>('GET', `${B}/dagSources/${seg(token)}`, {
      ...c,
      what: `source of DAG "${d.dagId}"`,
      bodyKind: 'source',
    });
    return r.content ?? '';
  }

  async listImportErrors(page: { limit: number; offset: number }, c: Call = {}): Promise<Page<ImportError>> {
    const r = await this.http.json<V1ImportErrorCollection>('GET', `${B}/importErrors`, { ...c, query: page });
    return {
      items: (r.import_errors ?? []).map((e) => ({
        id: e.import_error_id ?? 0,
        filename: e.filename ?? '',
        stackTrace: e.stack_trace ?? '',
        timestamp: e.timestamp ?? null,
      })),
      total: r.total_entries ?? 0,
    };
  }
}

function tiPath(ref: TaskInstanceRef, withMapIndex = true): string {
  const base = `${B}/dags/${seg(ref.dagId)}/dagRuns/${seg(ref.runId)}/taskInstances/${seg(ref.taskId)}`;
  return withMapIndex && ref.mapIndex !== undefined && ref.mapIndex >= 0 ? `${base}/${ref.mapIndex}` : base;
}

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
    startDate: r.start_date ?? null,
    endDate: r.end_date ?? null,
    dataIntervalStart: r.data_interval_start ?? null,
    dataIntervalEnd: r.data_interval_end ?? null,
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
    state: (t.state ?? null) as TaskState,
    startDate: t.start_date ?? null,
    endDate: t.end_date ?? null,
    duration: t.duration ?? null,
    operator: t.operator ?? null,
    hostname: t.hostname || null,
    pool: t.pool ?? null,
    queue: t.queue ?? null,
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
