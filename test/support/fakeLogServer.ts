// A fake Airflow serving one very large task log, in its own process (so the benchmark measures
// only the extension host). Prints `{"url": ...}` on stdout once listening; stops on SIGTERM.
//   node out/test/support/fakeLogServer.js --api v2 --mb 50
import { FakeAirflow } from './fakeAirflow';

export const BIG = { dagId: 'bench_big_log', runId: 'manual__2026-11-23T00:00:00+00:00', taskId: 'big' };

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

/** ~`mb` MB of log in v2 structured messages (JSON) or v1 text (a Python repr, as Airflow 2's JSON form sends it). */
function bigLog(api: 'v1' | 'v2', mb: number): string {
  const target = mb * 1024 * 1024;
  if (api === 'v2') {
    const parts: string[] = ['{"content":[{"event":"::group::Log message source details","sources":["/opt/airflow/logs/big.log"]},{"event":"::endgroup::"}'];
    let size = parts[0].length;
    for (let n = 0; size < target; n++) {
      const m = `,{"timestamp":"2026-11-23T00:00:${String(n % 60).padStart(2, '0')}.${String(n % 1e6).padStart(6, '0')}Z","level":"${n % 50 === 0 ? 'warning' : 'info'}","logger":"airflow.task.big","event":"processed row ${n} of the big extract","rows":${n},"partition":"p-${n % 97}"}`;
      parts.push(m);
      size += m.length;
    }
    parts.push('],"continuation_token":null}');
    return parts.join('');
  }
  const lines: string[] = [];
  let size = 0;
  for (let n = 0; size < target; n++) {
    const l = `[2026-11-23T00:00:${String(n % 60).padStart(2, '0')}.000+0000] {big.py:42} ${n % 50 === 0 ? 'WARNING' : 'INFO'} - processed row ${n} of the big extract rows=${n} partition=p-${n % 97}`;
    lines.push(l);
    size += l.length + 2;
  }
  return JSON.stringify({ content: `[('worker-1', '${lines.join('\\n')}\\n')]`, continuation_token: null });
}

async function main(): Promise<void> {
  const api = arg('api', 'v2') as 'v1' | 'v2';
  const mb = Number(arg('mb', '50'));
  const body = bigLog(api, mb);
  const fake = await FakeAirflow.start({ api });
  const base = `/api/${api}/dags/${encodeURIComponent(BIG.dagId)}/dagRuns/${encodeURIComponent(BIG.runId)}/taskInstances`;
  const ti = { task_id: BIG.taskId, dag_id: BIG.dagId, dag_run_id: BIG.runId, map_index: -1, try_number: 1, max_tries: 0, state: 'success', start_date: '2026-11-23T00:00:00Z', end_date: '2026-11-23T01:00:00Z' };
  fake.route('GET', `${base}/${BIG.taskId}/tries`, () => ({ json: { task_instances: [ti], total_entries: 1 } }));
  fake.route('GET', base, () => ({ json: { task_instances: [ti], total_entries: 1 } }));
  fake.route('GET', `${base}/${BIG.taskId}/logs/1`, () => ({ text: body, headers: { 'content-type': 'application/json' } }));
  process.stdout.write(`${JSON.stringify({ url: fake.url, api, bytes: Buffer.byteLength(body) })}\n`);
  process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
}

if (require.main === module) void main();
