// AirflowClient: the one entry to a server; detects the API version and checks ids before sending.
import { createAuthenticator, type AuthConfig, type AuthDeps } from './auth';
import { parseBaseUrl } from './baseUrl';
import { InvalidInputError, NotFoundError, Redactor, UnauthenticatedError } from './errors';
import { findDags, type FoundDags } from './findDags';
import { Http } from './http';
import { checkRef, requireId, validateConf, validateDate } from './inputChecks';
import type {
  ApiVersion,
  Dag,
  DagDetails,
  DagRun,
  Health,
  ImportError,
  LogChunk,
  Page,
  PageRequest,
  RunState,
  ServerVersion,
  Task,
  TaskInstance,
  TaskInstanceRef,
  TaskState,
} from './model';
import type { LineSink, LogStreamEnd } from './logStream';
import { walkPages } from './paging';
import type {
  ApiFeatures,
  ApiOperations,
  Call,
  ClearTasksOptions,
  DagFilter,
  RunFilter,
  SetTaskStateOptions,
  TriggerOptions,
} from './operations';
import type { ProxyOptions } from './proxy';
import type { TlsOptions } from './tls';
import type { TraceSink } from './trace';
import { featuresOf, requireFeature } from './versionGaps';
import { LogCursor, tokenReadFailed } from './logRestart';
import { shapeChecked } from './answerShape';

export interface ClientOptions {
  /** What the user typed: trailing slash, `/api/v1|v2` suffix and sub-paths are fine. */
  baseUrl: string;
  auth: AuthConfig;
  /** Pin the API version instead of asking the server. */
  apiVersion?: ApiVersion;
  timeoutMs?: number;
  retries?: number;
  tls?: TlsOptions;
  proxy?: ProxyOptions;
  /** Page size for "all pages" walks; the server caps it (100 by default). */
  pageSize?: number;
  /** Most items an "all pages" walk collects before it fails (default 50,000). */
  maxListItems?: number;
  fetch?: typeof fetch;
  /** Told about every HTTP attempt: method, path, status, duration (see trace.ts). */
  trace?: TraceSink;
  runCommand?: AuthDeps['runCommand'];
  signal?: AbortSignal;
}

/** Airflow's own default `[api] maximum_page_limit`. */
const SERVER_PAGE_CAP = 100;
const MAX_LIST_ITEMS = 50_000;

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
    const { root, apiFromPath } = parseBaseUrl(options.baseUrl);
    const redactor = new Redactor();
    redactor.add(options.tls?.passphrase);
    const late: { http?: Http } = {};
    const auth = createAuthenticator(options.auth, {
      redactor,
      runCommand: options.runCommand,
      fetchJwt: async (username, password, signal) => {
        const r = await late.http!.json<{ access_token?: string }>('POST', 'auth/token', {
          anonymous: true,
          json: { username, password },
          signal,
          what: 'the token endpoint /auth/token (is this Airflow 3.x?)',
        });
        if (!r?.access_token) throw new UnauthenticatedError("Airflow's /auth/token answered without an access token.");
        return r.access_token;
      },
    });
    const http = new Http(
      {
        root,
        timeoutMs: options.timeoutMs,
        retries: options.retries,
        tls: options.tls,
        proxy: options.proxy,
        fetch: options.fetch,
        trace: options.trace,
      },
      auth,
      redactor,
    );
    late.http = http;
    const pageSize = Math.min(options.pageSize ?? SERVER_PAGE_CAP, SERVER_PAGE_CAP);
    const maxItems = Math.max(1, options.maxListItems ?? MAX_LIST_ITEMS);
    const pinned = options.apiVersion ?? undefined;
    if (pinned) return new AirflowClient(http, apiFor(pinned, http), undefined, pinned, pageSize, maxItems);
    const detected = await detectVersion(http, options.signal, apiFromPath);
    return new AirflowClient(http, apiFor(detected.api, http), detected, detected.api, pageSize, maxItems);
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
    if (!Number.isInteger(tryNumber) || tryNumber < 1)
      throw new InvalidInputError(`Try number must be 1 or more, not ${tryNumber}.`);
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
    if (!Number.isInteger(tryNumber) || tryNumber < 1)
      throw new InvalidInputError(`Try number must be 1 or more, not ${tryNumber}.`);
    return this.api.streamLog(checkRef(ref), { tryNumber, ...options }, sink, c);
  }

  /** The whole log as it is now, following continuation tokens until the server says it ended (at most `maxChunks`). */
  async readFullLog(ref: TaskInstanceRef, tryNumber: number, c?: Call & { maxChunks?: number }): Promise<LogChunk> {
    const lines: string[] = [];
    const cursor = new LogCursor();
    let token: string | null = null;
    let chunk: LogChunk;
    let n = 0;
    do {
      try {
        chunk = await this.readLog(ref, tryNumber, { token }, c);
      } catch (err) {
        // Airflow 3.2.2 fails every read by token with a 500. API v2 answered the first read (no
        // token) with the whole log as it was then: that is what there is.
        if (!tokenReadFailed(err, token, this.apiVersion === 'v2')) throw err;
        return { lines, continuationToken: null, endOfLog: false };
      }
      lines.push(...cursor.next(chunk.lines, token !== null));
      if (chunk.continuationToken === token) break;
      token = chunk.continuationToken;
    } while (token && ++n < (c?.maxChunks ?? 100) && chunk.lines.length > 0);
    return { lines, continuationToken: chunk.continuationToken, endOfLog: chunk.endOfLog };
  }

  // --- helpers

  private page(p: PageRequest): Required<PageRequest> {
    const limit = Math.max(1, Math.min(p.limit ?? this.pageSize, SERVER_PAGE_CAP));
    return { limit, offset: Math.max(0, p.offset ?? 0) };
  }

  private all<T>(
    fetchPage: (p: Required<PageRequest>) => Promise<Page<T>>,
    what: string,
    tooManyAdvice: string,
  ): Promise<T[]> {
    return walkPages(fetchPage, {
      root: this.root,
      pageSize: this.pageSize,
      maxItems: this.maxListItems,
      what,
      tooManyAdvice,
    });
  }
}

// Loaded by the first client that talks to a server, not at activation (dist/api.js, see esbuild.mjs).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const apis = () => require('./apis') as typeof import('./apis');

function apiFor(api: ApiVersion, http: Http): ApiOperations {
  const { V1Api, V1_FORBIDDEN_PROBE, V2Api } = apis();
  const ops = api === 'v1' ? new V1Api(http.withForbiddenProbe(V1_FORBIDDEN_PROBE)) : new V2Api(http);
  return shapeChecked<ApiOperations>(ops, http.root);
}

async function detectVersion(
  http: Http,
  signal: AbortSignal | undefined,
  hint: ApiVersion | undefined,
): Promise<ServerVersion> {
  const order: ApiVersion[] = hint === 'v1' ? ['v1', 'v2'] : ['v2', 'v1'];
  for (const api of order) {
    try {
      const { V1Api, V2Api } = apis();
      return await shapeChecked<ApiOperations>(api === 'v1' ? new V1Api(http) : new V2Api(http), http.root).version({
        signal,
      });
    } catch (err) {
      if (err instanceof NotFoundError) continue;
      throw err;
    }
  }
  throw new NotFoundError(
    `${http.root} has neither /api/v2/version nor /api/v1/version. Is this the Airflow web server's URL (including any sub-path)?`,
    404,
  );
}
