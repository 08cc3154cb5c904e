// Airflow 2.x: /api/v1. What it does unlike v2; the rest is RestApi's, its answers read by v1Model.ts.
import { label, V1_PATHS } from './endpoints';
import type { Http, ProbeRequest } from './http';
import { v1TokenEndOfLog } from './logFormat';
import { emitter, type LineSink, type LogStreamEnd } from './logStream';
import type { TaskInstanceRef, TaskState } from './model';
import type { Call, DagFilter, LogRequest, SetTaskStateOptions, TaskSelector, TriggerOptions } from './operations';
import { relativesOf } from './requestBodies';
import { RestApi } from './restApi';
import { v1Model, type V1Wire } from './v1Model';
import { v1LogLines } from './v1LogStream';
import type { V1ClearTaskInstances, V1TaskInstanceReferenceCollection, V1TriggerBody } from './wire';
import type { V1UpdateTaskInstancesState } from './wire';

/** Airflow 2 answers 403 for a wrong password; listing one DAG tells that apart from a missing permission. */
export const V1_FORBIDDEN_PROBE: ProbeRequest = { path: V1_PATHS.dags, query: { limit: 1 } };

export class V1Api extends RestApi<V1Wire> {
  readonly features = { lastRunStateFilter: false, taskTries: true, idPatternOr: false };
  protected readonly runOrder = '-execution_date';
  protected readonly taskInstanceOrder = undefined;
  protected readonly triesQuery = { limit: 100 };
  protected readonly runStateQuery = undefined;

  /** `http` should carry V1_FORBIDDEN_PROBE (the client passes it); version detection may do without. */
  constructor(http: Http) {
    super(http, V1_PATHS, v1Model);
  }

  protected dagQuery(f: DagFilter) {
    return {
      dag_id_pattern: f.idPattern ?? f.namePattern,
      tags: f.tags,
      paused: f.paused,
      only_active: f.onlyActive ?? true,
    };
  }

  protected triggerBody(o: TriggerOptions): V1TriggerBody {
    const body: V1TriggerBody = { conf: (o.conf ?? {}) as V1TriggerBody['conf'] };
    if (o.runId) body.dag_run_id = o.runId;
    if (o.logicalDate) body.logical_date = o.logicalDate;
    if (o.note) body.note = o.note;
    return body;
  }

  protected runClearBody(o: { dryRun?: boolean }) {
    return { dry_run: o.dryRun ?? false };
  }

  override async clearDagRun(
    dagId: string,
    runId: string,
    o: { onlyFailed?: boolean; dryRun?: boolean },
    c: Call = {},
  ): Promise<TaskInstanceRef[]> {
    if (o.onlyFailed) {
      // v1's run-level clear has no "only failed"; the task-level clear with the run id does the same.
      return this.clearTaskInstances(dagId, { runId, onlyFailed: true, dryRun: o.dryRun }, c);
    }
    return super.clearDagRun(dagId, runId, o, c);
  }

  protected taskIds(tasks: TaskSelector[]): V1ClearTaskInstances['task_ids'] {
    // v1 clears a task with all its expansions; a map index cannot be singled out here.
    return [...new Set(tasks.map((t) => (typeof t === 'string' ? t : t.taskId)))];
  }

  async setTaskInstanceState(ref: TaskInstanceRef, state: TaskState & string, o: SetTaskStateOptions, c: Call = {}) {
    if (ref.mapIndex !== undefined && ref.mapIndex >= 0) {
      // One expansion: only the per-task-instance endpoint takes a map index in v1 (no include_* there).
      const one = await this.http.json<{ task_id?: string; dag_run_id?: string; dag_id?: string }>(
        'PATCH',
        this.paths.taskInstance(ref),
        {
          ...c,
          json: { dry_run: o.dryRun ?? false, new_state: state },
          idempotent: true,
          what: label.expansion(ref),
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
    const body: V1UpdateTaskInstancesState = {
      dry_run: o.dryRun ?? false,
      task_id: ref.taskId,
      dag_run_id: ref.runId,
      ...relativesOf(o),
      new_state: state as V1UpdateTaskInstancesState['new_state'],
    };
    const r = await this.http.json<V1TaskInstanceReferenceCollection>(
      'POST',
      V1_PATHS.updateTaskInstancesState(ref.dagId),
      { ...c, json: body, idempotent: true, what: label.task(ref) },
    );
    return v1Model.refs(r);
  }

  // Ended try: `text/plain`, streamed as Airflow 2 reads it. Running: JSON for its token, undone as it arrives.
  async streamLog(ref: TaskInstanceRef, req: LogRequest, sink: LineSink, c: Call = {}): Promise<LogStreamEnd> {
    const out = emitter(sink);
    let reader: ReturnType<typeof v1LogLines> | undefined;
    const accept = req.ended && !req.token ? 'text/plain' : 'application/json';
    await this.streamLogAnswer(ref, req, accept, (type) => (reader = v1LogLines(type, out.emit)), c);
    const token = typeof reader?.rest.continuation_token === 'string' ? reader.rest.continuation_token : null;
    return token && v1TokenEndOfLog(token) === false
      ? { continuationToken: token, endOfLog: false, lines: out.count }
      : { continuationToken: null, endOfLog: true, lines: out.count };
  }

  async dagSource(d: { dagId: string; fileToken: string | null }, c: Call = {}): Promise<string> {
    let token = d.fileToken;
    if (!token) token = (await this.dagDetails(d.dagId, c)).fileToken;
    if (!token) throw new Error(`DAG "${d.dagId}" has no file token`);
    return this.readSource(token, d.dagId, c);
  }
}
