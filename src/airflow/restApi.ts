// The operations both API generations send alike. v1.ts and v2.ts add what truly differs, and read
// their answers as the model with their own ModelReader (v1Model.ts, v2Model.ts).
import { label, logQuery, type Paths } from './endpoints';
import type { Http } from './http';
import type { LineSink, LogStreamEnd, TextReader } from './logStream';
import type * as M from './model';
import type {
  ApiFeatures,
  ApiOperations,
  Call,
  ClearTasksOptions,
  DagFilter,
  EndedRunsFilter,
  LogRequest,
  RunFilter,
  SetTaskStateOptions,
  TaskSelector,
  TriggerOptions,
} from './operations';
import type { Query } from './requestPolicy';
import { clearTaskInstancesBody, taskInstancesOfRunsBody } from './requestBodies';
import type { ModelReader, Wire } from './wireModel';

type PageOf = Required<M.PageRequest>;

export abstract class RestApi<W extends Wire> implements ApiOperations {
  abstract readonly features: ApiFeatures;
  /** `order_by` of run lists: newest first, by the date the generation orders runs by. */
  protected abstract readonly runOrder: string;
  /** `order_by` of a run's task instances, where the generation needs one. */
  protected abstract readonly taskInstanceOrder: string | undefined;
  /** The query of a task's tries, if any. */
  protected abstract readonly triesQuery: Query | undefined;
  /** The query of a run's state change, if any. */
  protected abstract readonly runStateQuery: Query | undefined;

  constructor(
    protected readonly http: Http,
    protected readonly paths: Paths,
    private readonly read: ModelReader<W>,
  ) {}

  /** The query of a DAG list after the page and its order, from the filter. */
  protected abstract dagQuery(f: DagFilter): Query;
  protected abstract triggerBody(o: TriggerOptions): object;
  protected abstract runClearBody(o: { onlyFailed?: boolean; dryRun?: boolean }): object;
  /** `task_ids` of a task-level clear. */
  protected abstract taskIds(tasks: TaskSelector[]): unknown;
  abstract setTaskInstanceState(
    ref: M.TaskInstanceRef,
    state: M.TaskState & string,
    o: SetTaskStateOptions,
    c?: Call,
  ): Promise<M.TaskInstanceRef[]>;
  abstract streamLog(ref: M.TaskInstanceRef, req: LogRequest, sink: LineSink, c?: Call): Promise<LogStreamEnd>;
  abstract dagSource(dag: { dagId: string; fileToken: string | null }, c?: Call): Promise<string>;

  async version(c: Call = {}): Promise<M.ServerVersion> {
    return this.read.version(await this.http.json<W['version']>('GET', this.paths.version, { ...c, anonymous: true }));
  }

  async health(c: Call = {}): Promise<M.Health> {
    return this.read.health(await this.http.json<W['health']>('GET', this.paths.health, { ...c, anonymous: true }));
  }

  async listDags(f: DagFilter, page: PageOf, c: Call = {}): Promise<M.Page<M.Dag>> {
    const r = await this.http.json<W['dags']>('GET', this.paths.dags, {
      ...c,
      query: { ...page, order_by: 'dag_id', ...this.dagQuery(f) },
    });
    return this.read.dags(r);
  }

  async dagDetails(dagId: string, c: Call = {}): Promise<M.DagDetails> {
    const what = label.dag(dagId);
    return this.read.details(await this.http.json<W['details']>('GET', this.paths.dagDetails(dagId), { ...c, what }));
  }

  async setPaused(dagId: string, paused: boolean, c: Call = {}): Promise<M.Dag> {
    const d = await this.http.json<W['dag']>('PATCH', this.paths.dag(dagId), {
      ...c,
      query: { update_mask: 'is_paused' },
      json: { is_paused: paused },
      idempotent: true,
      what: label.dag(dagId),
    });
    return this.read.dag(d);
  }

  async setPausedByPattern(idPattern: string, paused: boolean, c: Call = {}): Promise<M.Dag[]> {
    const r = await this.http.json<W['dags']>('PATCH', this.paths.dags, {
      ...c,
      query: { update_mask: 'is_paused', dag_id_pattern: idPattern, limit: 100 },
      json: { is_paused: paused },
      idempotent: true,
    });
    return this.read.dags(r).items;
  }

  async listTasks(dagId: string, c: Call = {}): Promise<M.Task[]> {
    const what = label.dag(dagId);
    return this.read.tasks(await this.http.json<W['tasks']>('GET', this.paths.tasks(dagId), { ...c, what }));
  }

  async listDagRuns(dagId: string, f: RunFilter, page: PageOf, c: Call = {}): Promise<M.Page<M.DagRun>> {
    const r = await this.http.json<W['runs']>('GET', this.paths.runs(dagId), {
      ...c,
      query: { ...page, order_by: this.runOrder, state: f.states },
      what: label.dag(dagId),
    });
    return this.read.runs(r);
  }

  async listRunsOfDags(dagIds: string[], page: PageOf, c: Call = {}): Promise<M.Page<M.DagRun>> {
    const r = await this.http.json<W['runs']>('POST', this.paths.runsOfDags, {
      ...c,
      json: { dag_ids: dagIds, order_by: this.runOrder, page_limit: page.limit, page_offset: page.offset },
      idempotent: true,
    });
    return this.read.runs(r);
  }

  async listEndedRuns(f: EndedRunsFilter, page: PageOf, c: Call = {}): Promise<M.Page<M.DagRun>> {
    const json = { states: f.states, end_date_gte: f.endedSince, order_by: '-end_date' };
    const opts = { ...c, json: { ...json, page_limit: page.limit, page_offset: page.offset }, idempotent: true };
    return this.read.runs(await this.http.json<W['runs']>('POST', this.paths.runsOfDags, opts));
  }

  async getDagRun(dagId: string, runId: string, c: Call = {}): Promise<M.DagRun> {
    const what = label.run(dagId, runId);
    return this.read.run(await this.http.json<W['run']>('GET', this.paths.run(dagId, runId), { ...c, what }));
  }

  async trigger(dagId: string, o: TriggerOptions, c: Call = {}): Promise<M.DagRun> {
    const json = this.triggerBody(o);
    const what = label.dag(dagId);
    return this.read.run(await this.http.json<W['run']>('POST', this.paths.runs(dagId), { ...c, json, what }));
  }

  async clearDagRun(
    dagId: string,
    runId: string,
    o: { onlyFailed?: boolean; dryRun?: boolean },
    c: Call = {},
  ): Promise<M.TaskInstanceRef[]> {
    const r = await this.http.json<W['refs'] | W['run']>('POST', this.paths.clearRun(dagId, runId), {
      ...c,
      json: this.runClearBody(o),
      idempotent: o.dryRun === true,
      what: label.run(dagId, runId),
    });
    return 'task_instances' in (r as object) ? this.read.refs(r as W['refs']) : [];
  }

  async setDagRunState(dagId: string, runId: string, state: M.RunState, c: Call = {}): Promise<M.DagRun> {
    const r = await this.http.json<W['run']>('PATCH', this.paths.run(dagId, runId), {
      ...c,
      query: this.runStateQuery,
      json: { state },
      idempotent: true,
      what: label.run(dagId, runId),
    });
    return this.read.run(r);
  }

  async deleteDagRun(dagId: string, runId: string, c: Call = {}): Promise<void> {
    await this.http.send('DELETE', this.paths.run(dagId, runId), { ...c, what: label.run(dagId, runId) });
  }

  async listTaskInstances(dagId: string, runId: string, page: PageOf, c: Call = {}): Promise<M.Page<M.TaskInstance>> {
    const order = this.taskInstanceOrder;
    const r = await this.http.json<W['taskInstances']>('GET', this.paths.taskInstances(dagId, runId), {
      ...c,
      query: order ? { ...page, order_by: order } : page,
      what: label.run(dagId, runId),
    });
    return this.read.taskInstances(r);
  }

  async listTaskInstancesOfRuns(
    dagId: string,
    runIds: readonly string[],
    page: PageOf,
    c: Call = {},
  ): Promise<M.Page<M.TaskInstance>> {
    const r = await this.http.json<W['taskInstances']>('POST', this.paths.taskInstancesOfRuns, {
      ...c,
      json: taskInstancesOfRunsBody(dagId, runIds, page, this.taskInstanceOrder),
      idempotent: true,
      what: label.dag(dagId),
    });
    return this.read.taskInstances(r);
  }

  async listTries(ref: M.TaskInstanceRef, c: Call = {}): Promise<M.TaskInstance[]> {
    const r = await this.http.json<W['tries']>('GET', this.paths.tries(ref), {
      ...c,
      query: this.triesQuery,
      what: label.task(ref),
    });
    return this.read.tries(r).sort((a, b) => a.tryNumber - b.tryNumber);
  }

  async clearTaskInstances(dagId: string, o: ClearTasksOptions, c: Call = {}): Promise<M.TaskInstanceRef[]> {
    const r = await this.http.json<W['refs']>('POST', this.paths.clearTaskInstances(dagId), {
      ...c,
      json: clearTaskInstancesBody(o, () => this.taskIds(o.tasks ?? [])),
      idempotent: o.dryRun === true,
      what: label.dag(dagId),
    });
    return this.read.refs(r);
  }

  async readLog(ref: M.TaskInstanceRef, req: LogRequest, c: Call = {}): Promise<M.LogChunk> {
    const r = await this.http.json<W['log']>('GET', this.paths.log(ref, req.tryNumber), {
      ...c,
      query: logQuery(ref, req),
      what: label.log(ref, req.tryNumber),
      bodyKind: 'log',
    });
    return this.read.log(r);
  }

  async listImportErrors(page: PageOf, c: Call = {}): Promise<M.Page<M.ImportError>> {
    const r = await this.http.json<W['importErrors']>('GET', this.paths.importErrors, { ...c, query: page });
    return this.read.importErrors(r);
  }

  /** Streams a log read's answer to the reader `open` picks for its content type. */
  protected streamLogAnswer(
    ref: M.TaskInstanceRef,
    req: LogRequest,
    accept: string,
    open: (contentType: string) => TextReader,
    c: Call,
  ): Promise<Headers> {
    const opts = { ...c, query: logQuery(ref, req), what: label.log(ref, req.tryNumber), accept };
    return this.http.stream('GET', this.paths.log(ref, req.tryNumber), { ...opts, bodyKind: 'logStream' }, open);
  }

  /** A DAG's source, by the key its generation names it with. */
  protected async readSource(key: string, dagId: string, c: Call): Promise<string> {
    const r = await this.http.json<{ content?: string }>('GET', this.paths.dagSource(key), {
      ...c,
      what: label.source(dagId),
      bodyKind: 'source',
    });
    return r.content ?? '';
  }
}
