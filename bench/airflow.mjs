// The DAG-list walk against a real Airflow 3.x on PostgreSQL holding 1,000 generated DAGs, so the
// fake server's figures can be checked against the real thing. Used by bench/run.mjs.
// The DAGs are generated into a temporary folder used for this run only.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAirflow } from '../scripts/airflow/server.mjs';
import { startPostgres } from '../scripts/airflow/postgres.mjs';
import { freePorts } from '../scripts/airflow/ports.mjs';

export const REAL_DAGS = 1000;
const PER_FILE = 50;

/** 20 files of 50 small DAGs each (two tasks, tags), as Airflow parses them. */
function generateDags() {
  const folder = mkdtempSync(join(tmpdir(), 'bench-dags-'));
  for (let start = 0; start < REAL_DAGS; start += PER_FILE) {
    writeFileSync(
      join(folder, `bench_dags_${String(start).padStart(4, '0')}.py`),
      `"""Generated for npm run bench: airflow dag definitions ${start}..${start + PER_FILE - 1}."""
from datetime import datetime

from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

for i in range(${start}, ${start + PER_FILE}):
    with DAG(dag_id=f"bench_dag_{i:04d}", schedule=None, start_date=datetime(2026, 1, 1), catchup=False,
             tags=["bench", f"group_{i % 10}"], description=f"benchmark DAG {i}") as dag:
        EmptyOperator(task_id="extract") >> EmptyOperator(task_id="load")
    globals()[f"bench_dag_{i:04d}"] = dag
`,
    );
  }
  return folder;
}

async function dagCount(server) {
  const token = await (
    await fetch(`${server.url}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: server.username, password: server.password }),
    })
  ).json();
  const res = await fetch(`${server.apiBase}/dags?limit=1`, {
    headers: { authorization: `Bearer ${token.access_token}` },
  });
  return (await res.json()).total_entries;
}

/** Starts the servers, waits for every DAG, runs bench/client.mjs against them `runs` times, stops them. */
export async function realAirflow(root, runs, log) {
  const folder = generateDags();
  let postgres;
  let server;
  try {
    // Free ports, so a test run's servers are never in the way.
    const [airflowPort, postgresPort] = await freePorts(2);
    postgres = await startPostgres({ port: postgresPort });
    server = await startAirflow(3, {
      port: airflowPort,
      postgres,
      logDir: join(tmpdir(), 'bench-airflow-logs'),
      dags: { folder, dagIds: ['bench_dag_0000'], brokenFile: null },
    });
    log(
      `Airflow ${server.version} on ${server.database} ready in ${Math.round(server.readySeconds)} s; waiting for all ${REAL_DAGS} DAGs to be parsed`,
    );
    const deadline = Date.now() + 600_000;
    let n = 0;
    while ((n = await dagCount(server)) < REAL_DAGS) {
      if (Date.now() > deadline) throw new Error(`only ${n} of ${REAL_DAGS} DAGs parsed after 10 minutes`);
      await new Promise((r) => setTimeout(r, 2000));
    }
    const r = spawnSync(
      process.execPath,
      ['--expose-gc', join(root, 'bench/client.mjs'), server.url, String(runs), server.username, server.password],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`bench/client.mjs against ${server.url} failed: ${r.stderr}`);
    return {
      version: server.version,
      database: server.database,
      dags: n,
      walks: JSON.parse(r.stdout.trim().split('\n').pop()),
    };
  } finally {
    await server?.stop();
    await postgres?.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}
