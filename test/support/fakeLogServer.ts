// A fake Airflow serving one very large task log, in its own process (so the benchmark and the
// big-log suite measure only the extension host). Prints `{"url": ...}` on stdout once listening; stops on SIGTERM.
//   node out/test/support/fakeLogServer.js --api v2 --mb 50 [--hold-end]
import { FakeAirflow, fakeDag } from './fakeAirflow';

export const BIG = { dagId: 'bench_big_log', runId: 'manual__2026-11-23T00:00:00+00:00', taskId: 'big' };

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

/** The last lines of every big log: what a user looks for at the end (coloured as a terminal shows them). */
export const BIG_LOG_END = [
  '\u001b[31mERROR\u001b[0m the big extract failed after the last row',
  '\u001b[1;32mBIG LOG END\u001b[0m',
];

/** Halfway through every big log: a task's first failure (retried, so the log goes on), as the agent's log tool looks for it. */
export const BIG_LOG_TRACEBACK = [
  'Traceback (most recent call last):',
  '  File "/opt/airflow/dags/big.py", line 42, in extract',
  '    rows = parse(chunk)',
  'ValueError: row 123456 of the big extract does not parse',
];

/**
 * ~`mb` MB of log in both forms its API version offers: v2 structured messages (JSON or ndjson)
 * or v1 text (plain, or the Python repr Airflow 2's JSON form wraps it in).
 */
function bigLog(api: 'v1' | 'v2', mb: number): { json: string; stream: string; streamType: string } {
  const target = mb * 1024 * 1024;
  if (api === 'v2') {
    const msgs: string[] = [
      '{"event":"::group::Log message source details","sources":["/opt/airflow/logs/big.log"]}',
      '{"event":"::endgroup::"}',
    ];
    let size = 0;
    for (let n = 0; size < target; n++) {
      const m = `{"timestamp":"2026-11-23T00:00:${String(n % 60).padStart(2, '0')}.${String(n % 1e6).padStart(6, '0')}Z","level":"${n % 50 === 0 ? 'warning' : 'info'}","logger":"airflow.task.big","event":"processed row ${n} of the big extract","rows":${n},"partition":"p-${n % 97}"}`;
      msgs.push(m);
      size += m.length + 1;
      if (size >= target / 2 && size - m.length - 1 < target / 2)
        for (const event of BIG_LOG_TRACEBACK)
          msgs.push(JSON.stringify({ timestamp: '2026-11-23T00:30:00.000000Z', level: 'error', event }));
    }
    for (const event of BIG_LOG_END) msgs.push(JSON.stringify({ event }));
    return {
      json: `{"content":[${msgs.join(',')}],"continuation_token":null}`,
      stream: `${msgs.join('\n')}\n`,
      streamType: 'application/x-ndjson',
    };
  }
  const lines: string[] = [];
  let size = 0;
  for (let n = 0; size < target; n++) {
    const l = `[2026-11-23T00:00:${String(n % 60).padStart(2, '0')}.000+0000] {big.py:42} ${n % 50 === 0 ? 'WARNING' : 'INFO'} - processed row ${n} of the big extract rows=${n} partition=p-${n % 97}`;
    lines.push(l);
    size += l.length + 2;
    if (size >= target / 2 && size - l.length - 2 < target / 2) lines.push(...BIG_LOG_TRACEBACK);
  }
  lines.push(...BIG_LOG_END);
  const text = lines.join('\n');
  // Python's repr of the text: backslashes, quotes and control characters escaped.
  const repr = text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replaceAll('\u001b', '\\x1b');
  return {
    json: JSON.stringify({ content: `[('worker-1', '${repr}\\n')]`, continuation_token: null }),
    stream: `worker-1\n${text}\n`,
    streamType: 'text/plain',
  };
}

export const MAPPED_RUN = 'mapped_run';

function mappedRun(dagId: string): Record<string, unknown> {
  return {
    dag_run_id: MAPPED_RUN,
    dag_id: dagId,
    dag_display_name: dagId,
    state: 'success',
    run_type: 'manual',
    conf: {},
    note: null,
    logical_date: null,
    queued_at: '2026-11-23T10:00:00Z',
    start_date: '2026-11-23T10:00:01Z',
    end_date: '2026-11-23T10:30:00Z',
    run_after: '2026-11-23T10:00:00Z',
    data_interval_start: null,
    data_interval_end: null,
    last_scheduling_decision: null,
    triggered_by: 'rest_api',
    dag_versions: [],
    bundle_version: null,
    duration: 1799,
    triggering_user_name: 'admin',
  };
}

async function main(): Promise<void> {
  const api = arg('api', 'v2') as 'v1' | 'v2';
  const mb = Number(arg('mb', '50'));
  const body = bigLog(api, mb);
  const fake = await FakeAirflow.start({ api });
  const base = `/api/${api}/dags/${encodeURIComponent(BIG.dagId)}/dagRuns/${encodeURIComponent(BIG.runId)}/taskInstances`;
  const ti = {
    task_id: BIG.taskId,
    dag_id: BIG.dagId,
    dag_run_id: BIG.runId,
    map_index: -1,
    try_number: 1,
    max_tries: 0,
    state: 'success',
    start_date: '2026-11-23T00:00:00Z',
    end_date: '2026-11-23T01:00:00Z',
  };
  fake.route('GET', `${base}/${BIG.taskId}/tries`, () => ({ json: { task_instances: [ti], total_entries: 1 } }));
  fake.route('GET', base, () => ({ json: { task_instances: [ti], total_entries: 1 } }));
  // As Airflow does: the streamed form when asked for it (v2 `application/x-ndjson`, v1 `text/plain`), JSON otherwise.
  // --hold-end: the last lines wait for `POST /__release` (a server still reading the end of its log),
  // so a test can act while the log is surely still loading.
  let release: () => void = () => undefined;
  const released = process.argv.includes('--hold-end')
    ? new Promise<void>((resolve) => (release = resolve))
    : Promise.resolve();
  fake.route('POST', '/__release', () => {
    release();
    return { json: { released: true } };
  });
  const send = (text: string, type: string) => {
    // Cut inside the last lines whatever the form quotes them in.
    const cut = text.lastIndexOf('the big extract failed');
    return { parts: [text.slice(0, cut), () => released, text.slice(cut)], headers: { 'content-type': type } };
  };
  fake.route('GET', `${base}/${BIG.taskId}/logs/1`, (req) =>
    String(req.headers.accept ?? '').startsWith(body.streamType)
      ? send(body.stream, body.streamType)
      : send(body.json, 'application/json'),
  );
  // Enough of the rest of the API for the tree and the status bar (v2); for the benchmark, --dags N
  // DAGs, the first with a run of --mapped M mapped task instances, and request counts.
  const dags = Number(arg('dags', '3'));
  const mapped = Number(arg('mapped', '0'));
  fake.serveDags(dags);
  fake.route('POST', '/api/v2/dags/~/dagRuns/list', () => ({ json: { dag_runs: [], total_entries: 0 } }));
  if (mapped > 0) {
    const dag0 = String(fakeDag(0).dag_id);
    fake.route('GET', `/api/v2/dags/${dag0}/dagRuns`, () => ({
      json: { dag_runs: [mappedRun(dag0)], total_entries: 1 },
    }));
    fake.serveMappedRun(dag0, MAPPED_RUN, mapped);
  }
  fake.route('GET', '/__counts', () => ({ json: fake.countsByRoute() }));
  fake.route('POST', '/__reset', () => {
    fake.resetCounts();
    return { json: {} };
  });
  fake.route('GET', '/api/v2/monitor/health', () => ({
    json: {
      metadatabase: { status: 'healthy' },
      scheduler: { status: 'healthy', latest_scheduler_heartbeat: new Date().toISOString() },
    },
  }));
  fake.route('GET', '/api/v2/importErrors', () => ({ json: { import_errors: [], total_entries: 0 } }));
  process.stdout.write(
    `${JSON.stringify({ url: fake.url, api, bytes: Buffer.byteLength(body.stream), jsonBytes: Buffer.byteLength(body.json) })}\n`,
  );
  process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
}

if (require.main === module) void main();
