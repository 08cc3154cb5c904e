// Airflow 3.x: /api/v2.
import { seg } from './baseUrl';
import type { Http } from './http';
import { renderStructured } from './logFormat';
import { emitter, jsonLogLines, ndjsonLines, type LineSink, type LogStreamEnd } from './logStream';
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
  V2ClearTaskInstancesBody,
  V2Dag,
  V2DagCollection,
  V2DagDetails,
  V2DagRun,
  V2DagRunCollection,
  V2DagSource,
  V2Health,
  V2ImportErrorCollection,
  V2LogResponse,
  V2PatchTaskInstanceBody,
  V2TaskCollection,
  V2TaskInstance,
  V2TaskInstanceCollection,
  V2TaskInstanceHistory,
  V2TaskInstanceHistoryCollection,
  V2TriggerBody,
  V2Version,
} from './wire';

const B = 'api/v2';

export class V2Api implements ApiOperations {
  readonly features = { lastRunStateFilter: true, taskTries: true, idPatternOr: true };

  // v2 answers 401 for bad credentials, so a 403 is a real permission problem: no probe.
  constructor(private readonly http: Http) {}

  async version(c: Call = {}): Promise<ServerVersion> {
    const v = await this.http.json<V2Version>('GET', `${B}/version`, { ...c, anonymous: true });
    return { version: v.version, gitVersion: v.git_version, api: 'v2' };
  }

  async health(c: Call = {}): Promise<Health> {
    const h = await this.http.json<V2Health>('GET', `${B}/monitor/health`, { ...c, anonymous: true });
    return {
      metadatabase: h.metadatabase && { status: (h.metadatabase.status ?? null) as 'healthy' | 'unhealthy' | null },
      scheduler: h.scheduler && {
        status: (h.scheduler.status ?? null) as 'healthy' | 'unhealthy' | null,
        latestHeartbeat: h.scheduler.latest_scheduler_heartbeat,
      },
      triggerer: h.triggerer && {
        status: (h.triggerer.status ?? null) as 'healthy' | 'unhealthy' | null,
        latestHeartbeat: h.triggerer.latest_triggerer_heartbeat,
      },
      dagProcessor: h.dag_processor
        ? {
            status: (h.dag_processor.status ?? null) as 'healthy' | 'unhealthy' | null,
            latestHeartbeat: h.dag_processor.latest_dag_processor_heartbeat,
          }
        : undefined,
    };
  }

  async listDags(f: DagFilter, page: { limit: number; offset: number }, c: Call = {}): Promise<Page<Dag>> {
    const r = await this.http.json<V2DagCollection>('GET', `${B}/dags`, {
      ...c,
      query: {
        ...page,
        order_by: 'dag_id',
        dag_id_pattern: f.idPattern,
        dag_display_name_pattern: f.displayNamePattern ?? f.namePattern,
        tags: f.tags,
        paused: f.paused,
        exclude_stale: f.onlyActive ?? true,
        last_dag_run_state: f.lastRunState,
      },
    });
    return { items: r.dags.map(dag), total: r.total_entries };
  }

  async dagDetails(dagId: string, c: Call = {}): Promise<DagDetails> {
    const d = await this.http.json<V2DagDetails>('GET', `${B}/dags/${seg(dagId)}/details`, {
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
    };
  }

  async setPaused(dagId: string, paused: boolean, c: Call = {}): Promise<Dag> {
    const d = await this.http.json<V2Dag>('PATCH', `${B}/dags/${seg(dagId)}`, {
      ...c,
      query: { update_mask: 'is_paused' },
      json: { is_paused: paused },
      idempotent: true,
      what: `DAG "${dagId}"`,
    });
    return dag(d);
  }

  async setPausedByPattern(idPattern: string, paused: boolean, c: Call = {}): Promise<Dag[]> {
    const r = await this.http.json<V2DagCollection>('PATCH', `${B}/dags`, {
      ...c,
      query: { update_mask: 'is_paused', dag_id_pattern: idPattern, limit: 100 },
      json: { is_paused: paused },
      idempotent: true,
    });
    return r.dags.map(dag);
  }

  async listTasks(dagId: string, c: Call = {}): Promise<Task[]> {
    const r = await this.http.json<V2TaskCollection>('GET', `${B}/dags/${seg(dagId)}/tasks`, {
      ...c,
      what: `DAG "${dagId}"`,
    });
    return r.tasks.map((t) => ({
      taskId: t.task_id ?? '',
      displayName: t.task_display_name ?? t.task_id ?? '',
      downstreamTaskIds: t.downstream_task_ids ?? [],
      isMapped: t.is_mapped ?? false,
      operator: t.operator_name ?? null,
      retries: t.retries ?? null,
    }));
  }

  async listDagRuns(
    dagId: string,
    f: RunFilter,
    page: { limit: number; offset: number },
    c: Call = {},
  ): Promise<Page<DagRun>> {
    const r = await this.http.json<V2DagRunCollection>('GET', `${B}/dags/${seg(dagId)}/dagRuns`, {
      ...c,
      query: { ...page, order_by: '-run_after', state: f.states },
      what: `DAG "${dagId}"`,
    });
    return { items: r.dag_runs.map(run), total: r.total_entries };
  }

  async listRunsOfDags(dagIds: string[], page: { limit: number; offset: number }, c: Call = {}): Promise<Page<DagRun>> {
    const r = await this.http.json<V2DagRunCollection>('POST', `${B}/dags/~/dagRuns/list`, {
      ...c,
      json: { dag_ids: dagIds, order_by: '-run_after', page_limit: page.limit, page_offset: page.offset },
      idempotent: true,
    });
    return { items: r.dag_runs.map(run), total: r.total_entries };
  }

  async getRun(dagId: string, runId: string, c: Call = {}): Promise<DagRun> {
    const r = await this.http.json<V2DagRun>('GET', `${B}/dags/${seg(dagId)}/dagRuns/${seg(runId)}`, {
      ...c,
      what: `run "${runId}" of DAG "${dagId}"`,
    });
    return run(r);
  }

  async trigger(dagId: string, o: TriggerOptions, c: Call = {}): Promise<DagRun> {
    const body: V2TriggerBody = { logical_date: o.logicalDate ?? null, conf: o.conf ?? {} };
    if (o.runId) body.dag_run_id = o.runId;
    if (o.note) body.note = o.note;
    const r = await this.http.json<V2DagRun>('POST', `${B}/dags/${seg(dagId)}/dagRuns`, {
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
    const r = await this.http.json<V2TaskInstanceCollection | V2DagRun>(
      'POST',
      `${B}/dags/${seg(dagId)}/dagRuns/${seg(runId)}/clear`,
      {
        ...c,
        json: { dry_run: o.dryRun ?? false, only_failed: o.onlyFailed ?? false },
        idempotent: o.dryRun === true,
        what: `run "${runId}" of DAG "${dagId}"`,
      },
    );
    return 'task_instances' in r ? r.task_instances.map(refOf) : [];
  }

  async setRunState(dagId: string, runId: string, state: RunState, c: Call = {}): Promise<DagRun> {
    const r = await this.http.json<V2DagRun>('PATCH', `${B}/dags/${seg(dagId)}/dagRuns/${seg(runId)}`, {
      ...c,
      query: { update_mask: 'state' },
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
    const r = await this.http.json<V2TaskInstanceCollection>(
      'GET',
      `${B}/dags/${seg(dagId)}/dagRuns/${seg(runId)}/taskInstances`,
      {
        ...c,
        query: { ...page, order_by: 'map_index' },
        what: `run "${runId}" of DAG "${dagId}"`,
      },
    );
    return { items: r.task_instances.map(ti), total: r.total_entries };
  }

  async listTries(ref: TaskInstanceRef, c: Call = {}): Promise<TaskInstance[]> {
    const r = await this.http.json<V2TaskInstanceHistoryCollection>('GET', `${tiPath(ref)}/tries`, {
      ...c,
      what: `task "${ref.taskId}" in run "${ref.runId}"`,
    });
    return r.task_instances.map(ti).sort((a, b) => a.tryNumber - b.tryNumber);
  }

  async clearTasks(dagId: string, o: ClearTasksOptions, c: Call = {}): Promise<TaskInstanceRef[]> {
    const body: V2ClearTaskInstancesBody = {
      dry_run: o.dryRun ?? false,
      dag_run_id: o.runId,
      only_failed: o.onlyFailed ?? false,
      include_upstream: o.includeUpstream ?? false,
      include_downstream: o.includeDownstream ?? false,
      include_future: false,
      include_past: false,
      only_running: false,
      reset_dag_runs: true,
    } as V2ClearTaskInstancesBody;
    if (o.tasks?.length)
      body.task_ids = o.tasks.map((t) => (typeof t === 'string' ? t : ([t.taskId, t.mapIndex] as [string, number])));
    const r = await this.http.json<V2TaskInstanceCollection>('POST', `${B}/dags/${seg(dagId)}/clearTaskInstances`, {
      ...c,
      json: body,
      idempotent: o.dryRun === true,
      what: `DAG "${dagId}"`,
    });
    return r.task_instances.map(refOf);
  }

  async setTaskState(
    ref: TaskInstanceRef,
    state: TaskState & string,
    o: SetTaskStateOptions,
    c: Call = {},
  ): Promise<TaskInstanceRef[]> {
    const body: V2PatchTaskInstanceBody = {
      new_state: state as V2PatchTaskInstanceBody['new_state'],
      include_upstream: o.includeUpstream ?? false,
      include_downstream: o.includeDownstream ?? false,
      include_future: o.includeFuture ?? false,
      include_past: o.includePast ?? false,
    };
    // v2 applies a PATCH at once; the preview is its own endpoint.
    const r = await this.http.json<V2TaskInstanceCollection>('PATCH', `${tiPath(ref)}${o.dryRun ? '/dry_run' : ''}`, {
      ...c,
      query: { update_mask: 'new_state' },
      json: body,
      idempotent: true,
      what: `task "${ref.taskId}" in run "${ref.runId}"`,
    });
    return r.task_instances.map(refOf);
  }

  async readLog(ref: TaskInstanceRef, req: LogRequest, c: Call = {}): Promise<LogChunk> {
    const r = await this.http.json<V2LogResponse>('GET', `${tiPath(ref, false)}/logs/${req.tryNumber}`, {
      ...c,
      query: {
        map_index: ref.mapIndex ?? -1,
        token: req.token ?? undefined,
        full_content: req.fullContent ? true : undefined,
      },
      what: `log of try ${req.tryNumber} of task "${ref.taskId}" in run "${ref.runId}"`,
      bodyKind: 'log',
    });
    const lines: string[] = [];
    for (const m of r.content ?? []) lines.push(...renderStructured(m));
    const token = r.continuation_token ?? null;
    return { lines, continuationToken: token, endOfLog: token === null };
  }

  /**
   * An ended try's log without a token comes as `application/x-ndjson` (3.0.2+), which the server
   * streams as it reads. Its `Airflow-Continuation-Token` header is made before the log is read
   * and restarts from the first line, so a try still running is read as JSON, whose token follows
   * on; both are parsed item by item as they arrive. A server without ndjson answers JSON.
   */
  async streamLog(ref: TaskInstanceRef, req: LogRequest, sink: LineSink, c: Call = {}): Promise<LogStreamEnd> {
    const out = emitter(sink);
    const ndjson = req.ended && !req.token;
    let json: ReturnType<typeof jsonLogLines> | undefined;
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
        accept: ndjson ? 'application/x-ndjson, application/json;q=0.9' : 'application/json',
        bodyKind: 'logStream',
      },
      (type) => (type.includes('ndjson') ? ndjsonLines(out.emit) : (json = jsonLogLines(out.emit))),
    );
    if (!json) return { continuationToken: null, endOfLog: true, lines: out.count };
    const token = typeof json.rest.continuation_token === 'string' ? json.rest.continuation_token : null;
    return { continuationToken: token, endOfLog: token === null, lines: out.count };
  }

  async dagSource(d: { dagId: string }, c: Call = {}): Promise<string> {
    const r = await this.http.json<V2DagSource>('GET', `${B}/dagSources/${seg(d.dagId)}`, {
      ...c,
      what: `source of DAG "${d.dagId}"`,
      bodyKind: 'source',
    });
    return r.content ?? '';
  }

  async listImportErrors(page: { limit: number; offset: number }, c: Call = {}): Promise<Page<ImportError>> {
    const r = await this.http.json<V2ImportErrorCollection>('GET', `${B}/importErrors`, { ...c, query: page });
    return {
      items: r.import_errors.map((e) => ({
        id: e.import_error_id,
        filename: e.filename,
        stackTrace: e.stack_trace,
        timestamp: e.timestamp,
      })),
      total: r.total_entries,
    };
  }
}

function tiPath(ref: TaskInstanceRef, withMapIndex = true): string {
  const base = `${B}/dags/${seg(ref.dagId)}/dagRuns/${seg(ref.runId)}/taskInstances/${seg(ref.taskId)}`;
  return withMapIndex && ref.mapIndex !== undefined && ref.mapIndex >= 0 ? `${base}/${ref.mapIndex}` : base;
}

function dag(d: V2Dag): Dag {
  return {
    dagId: d.dag_id,
    displayName: d.dag_display_name ?? d.dag_id,
    description: d.description ?? null,
    isPaused: d.is_paused,
    isActive: !d.is_stale,
    owners: d.owners ?? [],
    tags: (d.tags ?? []).map((t) => t.name),
    schedule: d.timetable_summary ?? null,
    scheduleDescription: d.timetable_description ?? null,
    nextRun: d.next_dagrun_run_after ?? d.next_dagrun_logical_date ?? null,
    fileToken: null,
    fileLocation: d.relative_fileloc ?? d.fileloc ?? null,
    hasImportErrors: d.has_import_errors,
    lastParsed: d.last_parsed_time ?? null,
  };
}

function run(r: V2DagRun): DagRun {
  return {
    dagId: r.dag_id,
    runId: r.dag_run_id,
    state: r.state as RunState,
    runType: r.run_type,
    conf: (r.conf ?? {}) as Record<string, unknown>,
    note: r.note ?? null,
    logicalDate: r.logical_date ?? null,
    queuedAt: r.queued_at ?? null,
    startDate: r.start_date ?? null,
    endDate: r.end_date ?? null,
    dataIntervalStart: r.data_interval_start ?? null,
    dataIntervalEnd: r.data_interval_end ?? null,
    triggeredBy: r.triggered_by ?? null,
    dagVersion: dagVersionOf(r),
  };
}

/** The newest DAG version a run used (a run's list grows when the DAG changes while it runs). */
function dagVersionOf(r: V2DagRun): string | null {
  const versions = r.dag_versions ?? [];
  const newest = versions.reduce<(typeof versions)[number] | undefined>(
    (a, v) => (!a || v.version_number > a.version_number ? v : a),
    undefined,
  );
  return newest ? String(newest.id ?? newest.version_number) : null;
}

function ti(t: V2TaskInstance | V2TaskInstanceHistory): TaskInstance {
  return {
    dagId: t.dag_id,
    runId: t.dag_run_id,
    taskId: t.task_id,
    displayName: t.task_display_name ?? t.task_id,
    mapIndex: t.map_index,
    renderedMapIndex: 'rendered_map_index' in t ? (t.rendered_map_index ?? null) : null,
    tryNumber: t.try_number,
    maxTries: t.max_tries,
    state: (t.state ?? null) as TaskState,
    startDate: t.start_date ?? null,
    endDate: t.end_date ?? null,
    duration: t.duration ?? null,
    operator: t.operator ?? null,
    hostname: t.hostname || null,
    pool: t.pool ?? null,
    queue: t.queue ?? null,
    note: 'note' in t ? ((t.note as string | null | undefined) ?? null) : null,
    priorityWeight: t.priority_weight ?? null,
  };
}

function refOf(t: V2TaskInstance): TaskInstanceRef {
  return { dagId: t.dag_id, runId: t.dag_run_id, taskId: t.task_id, mapIndex: t.map_index };
}
