// AirflowClient: the one entry to a server; detects the API version and checks ids before sending.
import { connect, type ClientOptions } from './connect';
import { findDags, type FoundDags } from './findDags';
import { readFullLog } from './fullLog';
import type { Http } from './http';
import { checkRef, requireId, requireStates, requireTryNumber, validateConf, validateDate } from './inputChecks';
import type { ApiVersion, Dag, DagDetails, DagRun, Health, ImportError, LogChunk, Page } from './model';
import type { PageRequest, RunState, ServerVersion, Task, TaskInstance, TaskInstanceRef, TaskState } from './model';
import type { LineSink, LogStreamEnd } from './logStream';
import { MAX_LIST_ITEMS, pageWithin, SERVER_PAGE_CAP, walkPages, type PageFetch } from './paging';
import type { ApiFeatures, ApiOperations, Call, ClearTasksOptions, DagFilter } from './operations';
import type { EndedRunsFilter, RunFilter, SetTaskStateOptions, TriggerOptions } from './operations';
import { featuresOf, requireFeature } from './versionGaps';

/** One typed client for Airflow 2.x (/api/v1) and 3.x (/api/v2). Knows nothing of VS Code. */
export class AirflowClient {
  private constructor(
    private readonly http: Http,
    private readonly api: ApiOperations,
    readonly serverVersion: ServerVersion | undefined,
    readonly apiVersion: ApiVersion,
    private readonly pageSize: number,
    private readonly maxListItems: number,
  ) {}

  /** Creates a client, asking the server which API it speaks unless the profile pins it. */
  static async connect(options: ClientOptions): Promise<AirflowClient> {
    const { http, api, serverVersion, apiVersion } = await connect(options);
    const pageSize = Math.min(options.pageSize ?? SERVER_PAGE_CAP, SERVER_PAGE_CAP);
    const maxItems = Math.max(1, options.maxListItems ?? MAX_LIST_ITEMS);
    return new AirflowClient(http, api, serverVersion, apiVersion, pageSize, maxItems);
  }

  get root(): string {
    return this.http.root;
  }

  /** What this server's API can do (instead of asking which version it is). */
  get features(): ApiFeatures {
    return featuresOf(this.api.features, this.serverVersion);
  }

  version(c?: Call): Promise<ServerVersion> {
    return this.api.version(c);
  }

  health(c?: Call): Promise<Health> {
    return this.api.health(c);
  }

  // --- DAGs

  listDags(filter: DagFilter = {}, page: PageRequest = {}, c?: Call): Promise<Page<Dag>> {
    return this.api.listDags(filter, this.page(page), c);
  }

  listAllDags(filter: DagFilter = {}, c?: Call): Promise<Dag[]> {
    return this.all((p) => this.api.listDags(filter, p, c), 'DAGs', 'Filter the DAG list to fewer DAGs.');
  }

  /** The DAGs with these exact ids, in as few `GET /dags` as it takes (see findDags.ts). */
  findDags(dagIds: string[], c?: Call): Promise<FoundDags> {
    return findDags(dagIds, (idPattern, p) => this.api.listDags({ idPattern }, p, c), {
      idPatternOr: this.api.features.idPatternOr,
      root: this.root,
      pageSize: SERVER_PAGE_CAP,
      maxItems: this.maxListItems,
    });
  }

  dagDetails(dagId: string, c?: Call): Promise<DagDetails> {
    return this.api.dagDetails(requireId(dagId, 'DAG id'), c);
  }

  setPaused(dagId: string, paused: boolean, c?: Call): Promise<Dag> {
    return this.api.setPaused(requireId(dagId, 'DAG id'), paused, c);
  }

  /** Pauses or unpauses many DAGs: by pattern in one request, or a list of ids one by one (4 at a time). */
  async setPausedMany(target: { idPattern: string } | { dagIds: string[] }, paused: boolean, c?: Call): Promise<Dag[]> {
    if ('idPattern' in target)
      return this.api.setPausedByPattern(requireId(target.idPattern, 'DAG id pattern'), paused, c);
    const results: Dag[] = [];
    const queue = [...target.dagIds];
    await Promise.all(
      Array.from({ length: Math.min(4, queue.length) }, async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift())
          results.push(await this.setPaused(id, paused, c));
      }),
    );
    return results;
  }

  listTasks(dagId: string, c?: Call): Promise<Task[]> {
    return this.api.listTasks(requireId(dagId, 'DAG id'), c);
  }

  dagSource(dag: { dagId: string; fileToken?: string | null }, c?: Call): Promise<string> {
    return this.api.dagSource({ dagId: requireId(dag.dagId, 'DAG id'), fileToken: dag.fileToken ?? null }, c);
  }

  listImportErrors(c?: Call): Promise<ImportError[]> {
    return this.all((p) => this.api.listImportErrors(p, c), 'import errors', "See them in Airflow's web UI.");
  }

  // --- DAG runs

  /** Newest first. */
  listDagRuns(dagId: string, filter: RunFilter = {}, page: PageRequest = {}, c?: Call): Promise<Page<DagRun>> {
    return this.api.listDagRuns(requireId(dagId, 'DAG id'), filter, this.page(page), c);
  }

  /** The newest runs of several DAGs in one request per page (for run-state icons without N+1). */
  listRunsOfDags(dagIds: string[], page: PageRequest = {}, c?: Call): Promise<Page<DagRun>> {
    return this.api.listRunsOfDags(dagIds, this.page(page), c);
  }

  /** Recent failures: runs of all DAGs in `filter.states` ended since `filter.endedSince`, newest-ended first. */
  async listEndedRuns(filter: EndedRunsFilter, page: PageRequest = {}, c?: Call): Promise<Page<DagRun>> {
    validateDate(filter.endedSince);
    requireStates(filter.states, 'the runs to list');
    return this.api.listEndedRuns(filter, this.page(page), c);
  }

  getDagRun(dagId: string, runId: string, c?: Call): Promise<DagRun> {
    return this.api.getDagRun(requireId(dagId, 'DAG id'), requireId(runId, 'run id'), c);
  }

  trigger(dagId: string, options: TriggerOptions = {}, c?: Call): Promise<DagRun> {
    requireId(dagId, 'DAG id');
    if (options.conf !== undefined) validateConf(options.conf);
    if (options.logicalDate) validateDate(options.logicalDate);
    return this.api.trigger(dagId, options, c);
  }

  /** Clears a run's task instances so they run again. `onlyFailed` keeps the successful ones. */
  clearDagRun(
    dagId: string,
    runId: string,
    options: { onlyFailed?: boolean; dryRun?: boolean } = {},
    c?: Call,
  ): Promise<TaskInstanceRef[]> {
    return this.api.clearDagRun(requireId(dagId, 'DAG id'), requireId(runId, 'run id'), options, c);
  }

  setDagRunState(dagId: string, runId: string, state: RunState, c?: Call): Promise<DagRun> {
    return this.api.setDagRunState(requireId(dagId, 'DAG id'), requireId(runId, 'run id'), state, c);
  }

  deleteDagRun(dagId: string, runId: string, c?: Call): Promise<void> {
    return this.api.deleteDagRun(requireId(dagId, 'DAG id'), requireId(runId, 'run id'), c);
  }

  // --- Task instances

  /** Every task instance of a run, mapped expansions included (one row each). */
  listTaskInstances(dagId: string, runId: string, c?: Call): Promise<TaskInstance[]> {
    return this.all(
      (p) => this.api.listTaskInstances(requireId(dagId, 'DAG id'), requireId(runId, 'run id'), p, c),
      `task instances of run "${runId}"`,
      "Open the run in Airflow's web UI.",
    );
  }

  /**
   * Every task instance of some runs of one DAG (the run views' grid), each page of the batch list
   * one request for all of them, within the same caps as any listing.
   */
  async listTaskInstancesOfRuns(dagId: string, runIds: readonly string[], c?: Call): Promise<TaskInstance[]> {
    requireId(dagId, 'DAG id');
    for (const runId of runIds) requireId(runId, 'run id');
    if (runIds.length === 0) return [];
    return this.all(
      (p) => this.api.listTaskInstancesOfRuns(dagId, runIds, p, c),
      `task instances of ${runIds.length} runs of DAG "${dagId}"`,
      'Show fewer runs at once.',
    );
  }

  /** The attempts of one task instance, oldest first. */
  async listTries(ref: TaskInstanceRef, c?: Call): Promise<TaskInstance[]> {
    requireFeature(this.features, this.serverVersion, 'taskTries');
    return this.api.listTries(checkRef(ref), c);
  }

  clearTaskInstances(dagId: string, options: ClearTasksOptions, c?: Call): Promise<TaskInstanceRef[]> {
    requireId(options.runId, 'run id');
    return this.api.clearTaskInstances(requireId(dagId, 'DAG id'), options, c);
  }

  setTaskInstanceState(
    ref: TaskInstanceRef,
    state: Exclude<TaskState, null>,
    options: SetTaskStateOptions = {},
    c?: Call,
  ): Promise<TaskInstanceRef[]> {
    return this.api.setTaskInstanceState(checkRef(ref), state, options, c);
  }

  // --- Logs

  /** One chunk of a try's log; pass `token` from the previous chunk to read only what is new. */
  readLog(
    ref: TaskInstanceRef,
    tryNumber: number,
    options: { token?: string | null; fullContent?: boolean } = {},
    c?: Call,
  ): Promise<LogChunk> {
    requireTryNumber(tryNumber);
    return this.api.readLog(checkRef(ref), { tryNumber, ...options }, c);
  }

  /**
   * One chunk of a try's log, its lines handed to `sink` in slices as the answer arrives (a big log
   * is never held whole); `ended`: the try is over, so the server may stream it all at once.
   */
  streamLog(
    ref: TaskInstanceRef,
    tryNumber: number,
    options: { token?: string | null; ended?: boolean },
    sink: LineSink,
    c?: Call,
  ): Promise<LogStreamEnd> {
    requireTryNumber(tryNumber);
    return this.api.streamLog(checkRef(ref), { tryNumber, ...options }, sink, c);
  }

  /** The whole log as it is now, following continuation tokens until the server says it ended (at most `maxChunks`). */
  readFullLog(ref: TaskInstanceRef, tryNumber: number, c?: Call & { maxChunks?: number }): Promise<LogChunk> {
    const read = (token: string | null) => this.readLog(ref, tryNumber, { token }, c);
    return readFullLog(read, this.apiVersion === 'v2', c?.maxChunks);
  }

  // --- helpers

  private page(p: PageRequest): Required<PageRequest> {
    return pageWithin(p, this.pageSize);
  }

  private all<T>(fetchPage: PageFetch<T>, what: string, tooManyAdvice: string): Promise<T[]> {
    return walkPages(fetchPage, {
      root: this.root,
      pageSize: this.pageSize,
      maxItems: this.maxListItems,
      what,
      tooManyAdvice,
    });
  }
}
