// An in-process fake Airflow web server for fault tests and the benchmark.
// Serves /api/v2/version (or /api/v1/version), lets a test script the next responses per
// route, counts requests per "METHOD /path", and can serve large paged datasets.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface FakeResponse {
  /** Default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON (content type application/json unless `headers` says otherwise). */
  json?: unknown;
  /** Sent as text/html. */
  html?: string;
  /** Sent as is (give a content type in `headers`). */
  text?: string;
  /** Wait this long before answering (the request may be abandoned meanwhile). */
  delayMs?: number;
  /** Send the headers and half the body, then nothing more (a stalled server or proxy). */
  stallBody?: boolean;
  /** A body of `bytes` bytes written as the client reads it (never held in memory), for size caps. */
  stream?: StreamedBody;
  /** A body written piece by piece: strings are sent, functions awaited before going on (a server still reading its log). */
  parts?: Array<string | (() => Promise<void>)>;
  /** Close the connection with a TCP reset instead of answering (a proxy or load balancer dropping it). */
  reset?: boolean;
}

export interface StreamedBody {
  bytes: number;
  /** Sent first and last, inside the `bytes` (e.g. JSON around a long string of "x"). */
  prefix?: string;
  suffix?: string;
  /** Send Content-Length (default: chunked, so the size shows only while reading). */
  declareLength?: boolean;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export type FakeHandler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

export interface FakeAirflowOptions {
  /** Which API the version endpoint answers on (default v2). */
  api?: 'v1' | 'v2';
  /** PEM key and certificate: serve HTTPS. */
  tls?: { key: string; cert: string };
}

export class FakeAirflow {
  /** Every request, in order. */
  readonly requests: FakeRequest[] = [];
  /** Bytes of streamed bodies written so far (what the client made the fake send). */
  streamedBytes = 0;
  private readonly queues = new Map<string, FakeResponse[]>();
  private readonly routes = new Map<string, FakeHandler>();
  private readonly counts = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(options: FakeAirflowOptions = {}): Promise<FakeAirflow> {
    const server = options.tls
      ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert })
      : createHttpServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const { port } = server.address() as AddressInfo;
    const fake = new FakeAirflow(server, `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`);
    const api = options.api ?? 'v2';
    fake.route('GET', `/api/${api}/version`, () => ({
      json: { version: api === 'v2' ? '3.1.0' : '2.10.5', git_version: null },
    }));
    server.on('request', (req, res) => void fake.handle(req, res));
    return fake;
  }

  /** Queues one-shot responses for `METHOD path` (path without query), used in order before the route's handler. */
  script(method: string, path: string, ...responses: FakeResponse[]): this {
    const key = `${method.toUpperCase()} ${path}`;
    this.queues.set(key, [...(this.queues.get(key) ?? []), ...responses]);
    return this;
  }

  /** Sets the lasting handler for `METHOD path` (after the scripted responses run out). */
  route(method: string, path: string, handler: FakeHandler): this {
    this.routes.set(`${method.toUpperCase()} ${path}`, handler);
    return this;
  }

  /** How many requests `METHOD path` received. */
  count(method: string, path: string): number {
    return this.counts.get(`${method.toUpperCase()} ${path}`) ?? 0;
  }

  /** Requests per "METHOD /path". */
  countsByRoute(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  resetCounts(): void {
    this.counts.clear();
    this.requests.length = 0;
  }

  /** Serves `n` DAGs with realistic v2 DAGResponse payloads on GET /api/v2/dags (limit/offset, limit capped at 100). */
  serveDags(n: number): this {
    return this.route('GET', '/api/v2/dags', (req) => {
      const { limit, offset } = paging(req.query);
      const dags = [];
      for (let i = offset; i < Math.min(n, offset + limit); i++) dags.push(fakeDag(i));
      return { json: { dags, total_entries: n } };
    });
  }

  /** Serves one run of `dagId` whose task `taskId` is mapped `m` times, on GET .../taskInstances (paged like Airflow). */
  serveMappedRun(dagId: string, runId: string, m: number, taskId = 'process'): this {
    const path = `/api/v2/dags/${encodeURIComponent(dagId)}/dagRuns/${encodeURIComponent(runId)}/taskInstances`;
    return this.route('GET', path, (req) => {
      const { limit, offset } = paging(req.query);
      const task_instances = [];
      for (let i = offset; i < Math.min(m, offset + limit); i++)
        task_instances.push(fakeTaskInstance(dagId, runId, taskId, i));
      return { json: { task_instances, total_entries: m } };
    });
  }

  /**
   * Serves `tis` (wire task instances) on the batch list `POST /api/{api}/dags/~/dagRuns/~/taskInstances/list`,
   * filtered by the body's `dag_ids` and `dag_run_ids`, paged by `page_limit`/`page_offset` (limit capped at 100).
   */
  serveTaskInstancesOfRuns(api: 'v1' | 'v2', tis: Record<string, unknown>[]): this {
    return this.route('POST', `/api/${api}/dags/~/dagRuns/~/taskInstances/list`, (req) => {
      const body = JSON.parse(req.body || '{}') as Record<string, unknown>;
      const dagIds = body.dag_ids as string[] | undefined;
      const runIds = body.dag_run_ids as string[] | undefined;
      const matching = tis.filter(
        (t) => (!dagIds || dagIds.includes(t.dag_id as string)) && (!runIds || runIds.includes(t.dag_run_id as string)),
      );
      const limit = Math.min(Math.max(Number(body.page_limit ?? 100) || 100, 1), 100);
      const offset = Math.max(Number(body.page_offset ?? 0) || 0, 0);
      return { json: { task_instances: matching.slice(offset, offset + limit), total_entries: matching.length } };
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async writeStream(
    res: ServerResponse,
    status: number,
    s: StreamedBody,
    headers: Record<string, string> = {},
  ): Promise<void> {
    res.writeHead(status, {
      'content-type': 'application/json',
      ...(s.declareLength ? { 'content-length': String(s.bytes) } : {}),
      ...headers,
    });
    const prefix = Buffer.from(s.prefix ?? '');
    const suffix = Buffer.from(s.suffix ?? '');
    const filler = Buffer.alloc(64 * 1024, 'x');
    let left = s.bytes;
    const write = async (chunk: Buffer) => {
      left -= chunk.length;
      this.streamedBytes += chunk.length;
      // Backpressure: write only as fast as the client reads, and stop when it hangs up.
      if (res.write(chunk)) return;
      await new Promise<void>((resolve) => {
        const go = () => {
          res.off('drain', go);
          res.off('close', go);
          resolve();
        };
        res.on('drain', go);
        res.on('close', go);
      });
    };
    await write(prefix);
    while (left > suffix.length && !res.destroyed)
      await write(filler.subarray(0, Math.min(filler.length, left - suffix.length)));
    if (!res.destroyed) {
      await write(suffix);
      res.end();
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const u = new URL(req.url ?? '/', 'http://fake');
    const method = (req.method ?? 'GET').toUpperCase();
    const request: FakeRequest = {
      method,
      path: u.pathname,
      query: u.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    const key = `${method} ${u.pathname}`;
    this.requests.push(request);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);

    let r: FakeResponse;
    try {
      const queued = this.queues.get(key)?.shift();
      const handler = this.routes.get(key);
      r = queued ?? (handler ? await handler(request) : { status: 404, json: { detail: 'Not Found' } });
    } catch (err) {
      r = { status: 500, text: `fake handler failed: ${String(err)}` };
    }
    if (r.delayMs) await new Promise((resolve) => setTimeout(resolve, r.delayMs));
    if (res.destroyed || req.socket.destroyed) return;
    if (r.reset) {
      req.socket.resetAndDestroy();
      return;
    }

    if (r.stream) return this.writeStream(res, r.status ?? 200, r.stream, r.headers);
    if (r.parts) {
      res.writeHead(r.status ?? 200, { 'content-type': 'application/json', ...r.headers });
      for (const part of r.parts) {
        if (res.destroyed) return;
        if (typeof part === 'string') res.write(part);
        else await part();
      }
      res.end();
      return;
    }
    let type: string;
    let body: string;
    if (r.html !== undefined) [type, body] = ['text/html; charset=utf-8', r.html];
    else if (r.json !== undefined) [type, body] = ['application/json', JSON.stringify(r.json)];
    else [type, body] = ['text/plain; charset=utf-8', r.text ?? ''];
    res.writeHead(r.status ?? 200, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...r.headers });
    if (r.stallBody) res.write(body.slice(0, body.length >> 1));
    else res.end(body);
  }
}

/** Airflow's paging: default and maximum limit 100. */
function paging(q: URLSearchParams): { limit: number; offset: number } {
  const limit = Math.min(Math.max(Number(q.get('limit') ?? 100) || 100, 1), 100);
  const offset = Math.max(Number(q.get('offset') ?? 0) || 0, 0);
  return { limit, offset };
}

const TEAMS = ['data-platform', 'analytics', 'ml-infra', 'finance-etl', 'marketing'];

/** One DAG as Airflow 3.1's GET /api/v2/dags returns it (about 1.5 KB of JSON). */
export function fakeDag(i: number): Record<string, unknown> {
  const id = `etl_${TEAMS[i % TEAMS.length].replace('-', '_')}_pipeline_${String(i).padStart(5, '0')}`;
  const team = TEAMS[i % TEAMS.length];
  const tag = (name: string) => ({ name, dag_id: id, dag_display_name: id });
  return {
    dag_id: id,
    dag_display_name: id,
    is_paused: i % 7 === 0,
    is_stale: false,
    last_parsed_time: '2026-11-23T08:14:03.512345Z',
    last_parse_duration: 0.41823,
    last_expired: null,
    bundle_name: 'dags-folder',
    bundle_version: null,
    relative_fileloc: `${team}/pipelines/${id}.py`,
    fileloc: `/opt/airflow/dags/${team}/pipelines/${id}.py`,
    description: `Loads ${team} events from the raw bucket into the warehouse, deduplicates them and refreshes the daily aggregates (pipeline ${i}).`,
    timetable_summary: '0 3 * * *',
    timetable_description: 'At 03:00',
    timetable_partitioned: false,
    tags: [tag(team), tag('warehouse'), tag(i % 2 ? 'daily' : 'hourly'), tag('owner:platform')],
    max_active_tasks: 16,
    max_active_runs: 1,
    max_consecutive_failed_dag_runs: 0,
    has_task_concurrency_limits: false,
    has_import_errors: false,
    next_dagrun_logical_date: '2026-11-24T03:00:00Z',
    next_dagrun_data_interval_start: '2026-11-24T03:00:00Z',
    next_dagrun_data_interval_end: '2026-11-25T03:00:00Z',
    next_dagrun_run_after: '2026-11-25T03:00:00Z',
    allowed_run_types: null,
    owners: ['airflow', team],
    file_token: `.eJw9yjEOgCAMheG7vNkJdOoqIGkCOdQAHeb83i4-yrX7bqVGqxBEIJcXvfaLjUfx2BXZN7n4eVpp${String(i).padStart(6, '0')}.Q1Ch4Q.Sy3Q9kWl1sVJmSPwt3xY8LqOj0E`,
  };
}

/** One mapped task instance as GET /api/v2/dags/{dag}/dagRuns/{run}/taskInstances returns it. */
export function fakeTaskInstance(
  dagId: string,
  runId: string,
  taskId: string,
  mapIndex: number,
): Record<string, unknown> {
  const states = ['success', 'success', 'success', 'running', 'failed', 'up_for_retry', 'queued'];
  const state = states[mapIndex % states.length];
  return {
    id: `01937c2e-5b1f-7c3a-9e4d-${String(mapIndex).padStart(12, '0')}`,
    task_id: taskId,
    dag_id: dagId,
    dag_run_id: runId,
    map_index: mapIndex,
    logical_date: '2026-11-23T00:00:00Z',
    run_after: '2026-11-23T00:00:00Z',
    start_date: '2026-11-23T00:01:02.123456Z',
    end_date: state === 'running' || state === 'queued' ? null : '2026-11-23T00:01:09.654321Z',
    duration: state === 'running' || state === 'queued' ? null : 7.530865,
    state,
    try_number: state === 'up_for_retry' ? 2 : 1,
    max_tries: 3,
    task_display_name: taskId,
    dag_display_name: dagId,
    hostname: `airflow-worker-${mapIndex % 4}.airflow-worker.airflow.svc.cluster.local`,
    unixname: 'airflow',
    pool: 'default_pool',
    pool_slots: 1,
    queue: 'default',
    priority_weight: 1,
    operator: '_PythonDecoratedOperator',
    operator_name: '@task',
    queued_when: '2026-11-23T00:01:00.987654Z',
    scheduled_when: '2026-11-23T00:00:59.123456Z',
    pid: 4000 + mapIndex,
    executor: null,
    executor_config: '{}',
    note: null,
    rendered_map_index: `s3://raw-events/2026-11-23/part-${String(mapIndex).padStart(5, '0')}.parquet`,
    rendered_fields: { op_args: `[${mapIndex}]`, op_kwargs: '{}', templates_dict: null },
    trigger: null,
    triggerer_job: null,
    dag_version: {
      id: '01937c2e-0000-7000-8000-000000000001',
      version_number: 3,
      dag_id: dagId,
      bundle_name: 'dags-folder',
      bundle_version: null,
      created_at: '2026-11-20T10:00:00.000000Z',
      dag_display_name: dagId,
      bundle_url: null,
    },
  };
}
