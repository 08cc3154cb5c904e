// Airflow 3.x: /api/v2. What it does unlike v1; the rest is RestApi's, its answers read by v2Model.ts.
import { label, V2_PATHS } from './endpoints';
import type { Http } from './http';
import { emitter, jsonLogLines, ndjsonLines, type LineSink, type LogStreamEnd } from './logStream';
import type { TaskInstanceRef, TaskState } from './model';
import type { Call, DagFilter, LogRequest, SetTaskStateOptions, TaskSelector, TriggerOptions } from './operations';
import { relativesOf } from './requestBodies';
import { RestApi } from './restApi';
import { v2Model, type V2Wire } from './v2Model';
import type { V2ClearTaskInstancesBody, V2PatchTaskInstanceBody, V2TaskInstanceCollection } from './wire';
import type { V2TriggerBody } from './wire';

export class V2Api extends RestApi<V2Wire> {
  readonly features = { lastRunStateFilter: true, taskTries: true, idPatternOr: true };
  protected readonly runOrder = '-run_after';
  protected readonly taskInstanceOrder = 'map_index';
  protected readonly triesQuery = undefined;
  protected readonly runStateQuery = { update_mask: 'state' };

  // v2 answers 401 for bad credentials, so a 403 is a real permission problem: no probe.
  constructor(http: Http) {
    super(http, V2_PATHS, v2Model);
  }

  protected dagQuery(f: DagFilter) {
    return {
      dag_id_pattern: f.idPattern,
      dag_display_name_pattern: f.displayNamePattern ?? f.namePattern,
      tags: f.tags,
      paused: f.paused,
      exclude_stale: f.onlyActive ?? true,
      last_dag_run_state: f.lastRunState,
    };
  }

  protected triggerBody(o: TriggerOptions): V2TriggerBody {
    const body: V2TriggerBody = { logical_date: o.logicalDate ?? null, conf: o.conf ?? {} };
    if (o.runId) body.dag_run_id = o.runId;
    if (o.note) body.note = o.note;
    return body;
  }

  protected runClearBody(o: { onlyFailed?: boolean; dryRun?: boolean }) {
    return { dry_run: o.dryRun ?? false, only_failed: o.onlyFailed ?? false };
  }

  protected taskIds(tasks: TaskSelector[]): V2ClearTaskInstancesBody['task_ids'] {
    return tasks.map((t) => (typeof t === 'string' ? t : ([t.taskId, t.mapIndex] as [string, number])));
  }

  async setTaskInstanceState(ref: TaskInstanceRef, state: TaskState & string, o: SetTaskStateOptions, c: Call = {}) {
    const body: V2PatchTaskInstanceBody = {
      new_state: state as V2PatchTaskInstanceBody['new_state'],
      ...relativesOf(o),
    };
    // v2 applies a PATCH at once; the preview is its own endpoint.
    const path = o.dryRun ? V2_PATHS.taskInstanceDryRun(ref) : V2_PATHS.taskInstance(ref);
    const r = await this.http.json<V2TaskInstanceCollection>('PATCH', path, {
      ...c,
      query: { update_mask: 'new_state' },
      json: body,
      idempotent: true,
      what: label.task(ref),
    });
    return v2Model.refs(r);
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
    await this.streamLogAnswer(
      ref,
      req,
      ndjson ? 'application/x-ndjson, application/json;q=0.9' : 'application/json',
      (type) => (type.includes('ndjson') ? ndjsonLines(out.emit) : (json = jsonLogLines(out.emit))),
      c,
    );
    if (!json) return { continuationToken: null, endOfLog: true, lines: out.count };
    const token = typeof json.rest.continuation_token === 'string' ? json.rest.continuation_token : null;
    return { continuationToken: token, endOfLog: token === null, lines: out.count };
  }

  async dagSource(d: { dagId: string }, c: Call = {}): Promise<string> {
    return this.readSource(d.dagId, d.dagId, c);
  }
}
