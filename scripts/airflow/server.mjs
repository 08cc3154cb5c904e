// Start/stop a real Apache Airflow (2.x or 3.x) for integration tests.
//
// Library:
//   import { startAirflow } from './scripts/airflow/server.mjs';
//   const af = await startAirflow(3, { port: 28081, database: await pg.createDatabase('airflow3') });
//   // af = { major, version, url, apiBase, username, password, airflowHome, logFile, pid, stop }
//   await af.stop();
//
// CLI:
//   node scripts/airflow/server.mjs start 2|3|X.Y.Z [--port 28080] [--log-dir DIR] [--jwt-expiration-seconds N]
//                                           [--postgres-port 28432]
//   starts its own PostgreSQL (scripts/airflow/postgres.mjs), prints one JSON line with
//   url/version/credentials once ready, runs until SIGINT/SIGTERM, then stops both.
//
// The metadata database is PostgreSQL, as in production: with SQLite the scheduler, the tasks
// and the API server wrote to one file at once and the API answered 500 "database is locked".
//
// Node 20 built-ins only. See scripts/airflow/setup.sh for the install.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLEET, FLEET_DAG_COUNT, writeFleet } from './fleet.mjs';
import { busyPorts, freePorts } from './ports.mjs';
import { DEFAULT_POSTGRES_PORT, startPostgres } from './postgres.mjs';

const SCRIPT_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(SCRIPT_DIR, '..', '..');
const DAGS_FOLDER = path.join(REPO_ROOT, 'test', 'dags');
/** The demo DAGs of `npm start` / `npm run try` (examples/dags/), and what readiness waits for there. */
export const EXAMPLE_DAGS = {
  folder: path.join(REPO_ROOT, 'examples', 'dags'),
  dagIds: ['example_etl', 'example_flaky', 'example_mapped', 'example_live_log', 'example_params'],
  brokenFile: 'example_broken.py',
};
const SETUP_SH = path.join(SCRIPT_DIR, 'setup.sh');

export const TEST_DAG_IDS = [
  'vsc_marker',
  'vsc_retry_fail',
  'vsc_mapped',
  'vsc_long',
  'vsc_params',
  'vsc_groups',
  'vsc_chain',
  'vsc_ansi',
];
export const BROKEN_DAG_FILE = 'broken_dag.py';
export const DEFAULT_PORTS = { 2: 28080, 3: 28081 };
/**
 * What the test servers serve: test/dags and the generated fleet (fleet.mjs), a deployment of
 * realistic size. AIRFLOW_TEST_FLEET=0 leaves the fleet out (to compare start times).
 */
const TEST_DAGS = {
  folder: DAGS_FOLDER,
  dagIds: TEST_DAG_IDS,
  brokenFile: BROKEN_DAG_FILE,
  fleet: process.env.AIRFLOW_TEST_FLEET !== '0',
};

const USERNAME = 'admin';
const PASSWORD = 'admin';
const JWT_SECRET = 'vsc-airflow-tests-jwt-secret-not-for-production';
const SECRET_KEY = 'vsc-airflow-tests-secret-key-not-for-production';
const READY_TIMEOUT_MS = 240_000;

// ---------------------------------------------------------------- process hygiene
/** Servers started by this process and not stopped yet. */
const live = new Set();
let handlersInstalled = false;

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    /* already gone */
  }
}

function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // Last resort, synchronous: no server outlives this process.
  process.on('exit', () => {
    for (const s of live) {
      killGroup(s.pgid, 'SIGKILL');
      try {
        process.kill(s.watchdogPid, 'SIGKILL');
      } catch {
        /* gone */
      }
      try {
        fs.rmSync(s.airflowHome, { recursive: true, force: true });
      } catch {
        /* ignore */
      }
    }
  });
  for (const [sig, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ]) {
    const onSignal = async () => {
      await Promise.allSettled([...live].map((s) => s.stop()));
      // Exit unless someone else (e.g. the test runner) also handles this signal.
      if (process.listenerCount(sig) <= 1) process.exit(code);
    };
    process.on(sig, onSignal);
  }
}

// Safety net for hard deaths of this process (SIGKILL, crash): a tiny detached shell that
// polls our pid and tears the Airflow process group down once we are gone.
// The script is a constant; the pids and the folder reach it as arguments ($1 $2 $3), never as text.
const WATCHDOG_SCRIPT = `
  while kill -0 "$1" 2>/dev/null; do
    kill -0 -"$2" 2>/dev/null || exit 0
    sleep 2
  done
  kill -TERM -"$2" 2>/dev/null; sleep 5; kill -KILL -"$2" 2>/dev/null
  rm -rf -- "$3"
`;
function startWatchdog(pgid, airflowHome) {
  const wd = spawn(
    '/bin/sh',
    ['-c', WATCHDOG_SCRIPT, 'airflow-watchdog', String(process.pid), String(pgid), airflowHome],
    { detached: true, stdio: 'ignore' },
  );
  wd.unref();
  return wd.pid;
}

// ---------------------------------------------------------------- helpers
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function tailFile(file, n = 40) {
  try {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    return lines.slice(-n - 1).join('\n');
  } catch (e) {
    return `(cannot read ${file}: ${e.message})`;
  }
}

/** Runs setup.sh MAJOR (or X.Y.Z); resolves to the airflow binary path (last stdout line). */
function runSetup(which, label) {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [SETUP_SH, String(which)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const bin = out.trim().split('\n').pop();
      if (code === 0 && bin && fs.existsSync(bin)) resolve(bin);
      else reject(new Error(`${label}: ${SETUP_SH} ${which} failed (exit ${code}); see its stderr above`));
    });
  });
}

/** Runs a one-shot airflow CLI command, output appended to the log fd. */
function runCli(bin, args, env, logFd, cwd) {
  return new Promise((resolve, reject) => {
    fs.writeSync(logFd, `\n### ${path.basename(bin)} ${args.join(' ')}\n`);
    const child = spawn(bin, args, { env, cwd, stdio: ['ignore', logFd, logFd] });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`'airflow ${args.join(' ')}' exited ${code}`)),
    );
  });
}

async function fetchJson(url, init = {}) {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  const ct = res.headers.get('content-type') || '';
  let json;
  if (ct.includes('json')) {
    try {
      json = JSON.parse(text);
    } catch {
      /* keep undefined */
    }
  }
  return { status: res.status, ct, text, json };
}

/**
 * Where a server reads its DAGs. With `dags.fleet` (the test servers): a copy of `dags.folder`
 * of this server's own (`served`, where a suite writes a file it wants this server to parse,
 * never the repository's test/dags, which every server would see), and the generated fleet
 * (fleet.mjs). 3.x reads the two as DAG bundles, so the test DAGs keep their paths
 * (`relative_fileloc`) in the bundle `dags-folder`. 2.x has one DAGs folder: it holds the fleet
 * and the copy as `dags/` (so a test DAG's `fileloc` ends in `dags/<file>`).
 * Without `dags.fleet` (the demo DAGs of npm start): `dags.folder` as it is.
 */
function dagFolders(major, airflowHome, dags) {
  if (!dags.fleet) return { dagsFolder: dags.folder, served: dags.folder };
  const own = path.join(airflowHome, 'dag-folder');
  writeFleet(own);
  const copy = major === 2 ? path.join(own, 'dags') : path.join(airflowHome, 'dags');
  fs.cpSync(dags.folder, copy, { recursive: true, filter: (src) => !src.includes('__pycache__') });
  if (major === 2) return { dagsFolder: own, served: copy };
  const local = 'airflow.dag_processing.bundles.local.LocalDagBundle';
  return {
    dagsFolder: copy,
    served: copy,
    bundles: JSON.stringify([
      { name: 'dags-folder', classpath: local, kwargs: { path: copy } },
      { name: 'vsc-fleet', classpath: local, kwargs: { path: own } },
    ]),
  };
}

function buildEnv(major, { bin, port, logServerPorts, airflowHome, jwtExpirationSeconds, database, dags }) {
  const { dagsFolder, bundles, served } = dagFolders(major, airflowHome, dags);
  const url = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    // standalone starts its components as `airflow ...` from PATH: put the venv first.
    PATH: [path.dirname(bin), process.env.PATH].filter(Boolean).join(path.delimiter),
    VIRTUAL_ENV: path.dirname(path.dirname(bin)),
    AIRFLOW_HOME: airflowHome,
    AIRFLOW__CORE__DAGS_FOLDER: dagsFolder,
    AIRFLOW__CORE__LOAD_EXAMPLES: 'False',
    AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION: 'False',
    AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: database,
    AIRFLOW__CORE__UNIT_TEST_MODE: 'False',
    // Scheduler: react quickly (the loop itself is what schedules; heartbeats stay at their defaults).
    AIRFLOW__SCHEDULER__SCHEDULER_IDLE_SLEEP_TIME: '0.5',
    // LocalExecutor starts one worker per parallelism slot (2.x): keep it small on CI machines.
    AIRFLOW__CORE__EXECUTOR: 'LocalExecutor',
    AIRFLOW__CORE__PARALLELISM: '8',
    // Per-instance log-server ports (free ones unless given) so servers can run side by side.
    AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT: String(logServerPorts.worker),
    AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT: String(logServerPorts.trigger),
    // Tasks talk to the API server on localhost: never through a proxy.
    NO_PROXY: ['127.0.0.1', 'localhost', process.env.NO_PROXY].filter(Boolean).join(','),
    no_proxy: ['127.0.0.1', 'localhost', process.env.no_proxy].filter(Boolean).join(','),
    PYTHONUNBUFFERED: '1',
    NO_COLOR: '1',
  };
  if (major === 2) {
    Object.assign(env, {
      AIRFLOW__API__AUTH_BACKENDS:
        'airflow.providers.fab.auth_manager.api.auth.backend.basic_auth,airflow.api.auth.backend.session',
      AIRFLOW__WEBSERVER__WEB_SERVER_PORT: String(port),
      AIRFLOW__WEBSERVER__WEB_SERVER_HOST: '127.0.0.1',
      AIRFLOW__WEBSERVER__BASE_URL: url,
      AIRFLOW__WEBSERVER__WORKERS: '2',
      AIRFLOW__WEBSERVER__SECRET_KEY: SECRET_KEY,
      // New files are found within 5 s; known files are re-parsed every 10 s.
      AIRFLOW__SCHEDULER__DAG_DIR_LIST_INTERVAL: '5',
      AIRFLOW__SCHEDULER__MIN_FILE_PROCESS_INTERVAL: '10',
      AIRFLOW__SCHEDULER__PARSING_PROCESSES: '1',
    });
  } else {
    const passwordsFile = path.join(airflowHome, 'simple_auth_manager_passwords.json');
    fs.writeFileSync(passwordsFile, JSON.stringify({ [USERNAME]: PASSWORD }));
    Object.assign(env, {
      AIRFLOW__CORE__AUTH_MANAGER: 'airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager',
      AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS: `${USERNAME}:admin`,
      AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE: passwordsFile,
      AIRFLOW__API_AUTH__JWT_SECRET: JWT_SECRET,
      AIRFLOW__API_AUTH__JWT_EXPIRATION_TIME: String(jwtExpirationSeconds ?? 86400),
      AIRFLOW__API__SECRET_KEY: SECRET_KEY,
      AIRFLOW__API__HOST: '127.0.0.1',
      AIRFLOW__API__PORT: String(port),
      AIRFLOW__API__BASE_URL: url,
      AIRFLOW__CORE__EXECUTION_API_SERVER_URL: `${url}/execution/`,
      // New files are found within 5 s; known files are re-parsed every 10 s.
      AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL: '5',
      AIRFLOW__DAG_PROCESSOR__MIN_FILE_PROCESS_INTERVAL: '10',
      AIRFLOW__DAG_PROCESSOR__PARSING_PROCESSES: '1',
    });
    if (bundles) env.AIRFLOW__DAG_PROCESSOR__DAG_BUNDLE_CONFIG_LIST = bundles;
  }
  return { env, url, served };
}

/** One readiness probe; returns {ok, version, seen} where seen describes the state. */
async function probe(major, url, dags) {
  const api = `${url}/api/v${major === 2 ? 1 : 2}`;
  const v = await fetchJson(`${api}/version`);
  if (v.status !== 200 || !v.json?.version)
    return { ok: false, seen: `GET ${api}/version -> ${v.status} ${v.ct} ${v.text.slice(0, 200)}` };
  const version = v.json.version;

  let headers;
  if (major === 2) {
    headers = { Authorization: 'Basic ' + Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64') };
  } else {
    const t = await fetchJson(`${url}/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: USERNAME, password: PASSWORD }),
    });
    if (t.status !== 201 || !t.json?.access_token)
      return { ok: false, version, seen: `POST ${url}/auth/token -> ${t.status} ${t.text.slice(0, 200)}` };
    headers = { Authorization: `Bearer ${t.json.access_token}` };
  }
  headers.Accept = 'application/json';

  const d = await fetchJson(`${api}/dags?limit=100`, { headers });
  if (d.status !== 200 || !Array.isArray(d.json?.dags))
    return { ok: false, version, seen: `GET ${api}/dags -> ${d.status} ${d.text.slice(0, 200)}` };
  const have = new Set(d.json.dags.map((x) => x.dag_id));
  const missing = dags.dagIds.filter((id) => !have.has(id));
  if (missing.length)
    return {
      ok: false,
      version,
      seen: `authenticated; DAGs not parsed yet: ${missing.join(', ')} (listed: ${[...have].join(', ') || 'none'})`,
    };
  if (dags.fleet) {
    // "vsc_zz" (a LIKE: "_" is any character) matches the whole fleet and nothing else.
    const f = await fetchJson(`${api}/dags?limit=1&dag_id_pattern=vsc_zz`, { headers });
    if (f.json?.total_entries !== FLEET_DAG_COUNT)
      return {
        ok: false,
        version,
        seen: `test DAGs listed; ${f.json?.total_entries ?? f.status} of the ${FLEET_DAG_COUNT} generated DAGs (${FLEET.prefix}…) parsed`,
      };
  }

  const ie = await fetchJson(`${api}/importErrors?limit=100`, { headers });
  const files = (ie.json?.import_errors || []).map((e) => e.filename || '');
  // brokenFile: null for a folder without a broken file (the benchmark's generated DAGs).
  if (ie.status !== 200 || (dags.brokenFile && !files.some((f) => f.endsWith(dags.brokenFile)))) {
    return {
      ok: false,
      version,
      seen: `DAGs listed; ${dags.brokenFile} not yet in import errors (${ie.status} ${ie.text.slice(0, 200)})`,
    };
  }

  const h = await fetchJson(major === 2 ? `${api}/health` : `${api}/monitor/health`);
  if (h.json?.scheduler?.status !== 'healthy')
    return { ok: false, version, seen: `all parsed; scheduler not healthy yet: ${h.text.slice(0, 200)}` };
  return { ok: true, version, seen: 'ready' };
}

// ---------------------------------------------------------------- API
/**
 * Starts Airflow via `airflow standalone` and waits until it is usable.
 * @param {2|3|string} which 2 or 3: the version `npm test` runs by default for that major (setup.sh);
 *   'X.Y.Z': that version (it needs a constraints-X.Y.Z.txt beside setup.sh).
 * @param {{port?: number, logDir?: string, jwtExpirationSeconds?: number, postgres?: object, postgresPort?: number}} [opts]
 *   port: default 28080 (2.x) / 28081 (3.x); logServerPorts: { worker, trigger }, the ports of
 *   its worker's and triggerer's log servers (default: free ones); logDir: default <repo>/.cache/logs;
 *   jwtExpirationSeconds: 3.x token lifetime, default 86400;
 *   postgres: a cluster from startPostgres() to create the database `airflow<major>` (`airflow_X_Y_Z`
 *   for a version) in (fresh);
 *   without it the server starts its own cluster (on postgresPort) and stops it with itself;
 *   dags: { folder, dagIds, brokenFile, fleet? } to serve and wait for (default: the test DAGs with the
 *   generated fleet of fleet.mjs; EXAMPLE_DAGS for demos).
 * @returns {Promise<{major: number, version: string, url: string, apiBase: string, username: string,
 *   password: string, airflowHome: string, logFile: string, pid: number, database: string,
 *   stop: () => Promise<void>}>}
 */
export async function startAirflow(
  which,
  { port, logServerPorts, logDir, jwtExpirationSeconds, postgres, postgresPort, dags = TEST_DAGS } = {},
) {
  const wanted = /^\d+\.\d+\.\d+$/.test(String(which)) ? String(which) : null;
  const major = wanted ? Number(wanted.split('.')[0]) : Number(which);
  if (major !== 2 && major !== 3)
    throw new Error(`startAirflow: expected 2, 3 or a 2.x/3.x version like 3.1.8, got ${which}`);
  port = Number(port ?? DEFAULT_PORTS[major]);
  logDir = path.resolve(logDir ?? path.join(REPO_ROOT, '.cache', 'logs'));
  const label = `Airflow ${wanted ?? `${major}.x`}`;
  // Names that tell two servers of one major apart (a default run and an older version).
  const name = wanted ? wanted.replace(/\./g, '_') : String(major);

  installExitHandlers();
  const bin = await runSetup(wanted ?? major, label);

  if (!logServerPorts) {
    const [worker, trigger] = await freePorts(2);
    logServerPorts = { worker, trigger };
  }
  const busy = await busyPorts({
    'its API': port,
    "its worker's log server": logServerPorts.worker,
    "its triggerer's log server": logServerPorts.trigger,
  });
  if (busy.length) {
    throw new Error(
      `${label}: ${busy.join(', ')} already in use (a stale Airflow from an earlier run?); stop what listens there or choose another port`,
    );
  }

  const ownPostgres = postgres ? null : await startPostgres({ port: postgresPort ?? DEFAULT_POSTGRES_PORT });
  const pg = postgres ?? ownPostgres;
  const stopOwnPostgres = async () => {
    await ownPostgres?.stop();
  };
  let database;
  try {
    database = await pg.createDatabase(`airflow${wanted ? `_${name}` : major}`);
  } catch (e) {
    await stopOwnPostgres();
    throw new Error(`${label}: creating its database failed: ${e.message}`);
  }
  const databaseLabel = `PostgreSQL ${pg.version.split('.')[0]}`;

  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `airflow-${wanted ?? major}.log`);
  const logFd = fs.openSync(logFile, 'w');
  const airflowHome = fs.mkdtempSync(path.join(os.tmpdir(), `vsc-airflow${name}-`));
  const {
    env,
    url,
    served: dagsFolder,
  } = buildEnv(major, { bin, port, logServerPorts, airflowHome, jwtExpirationSeconds, database, dags });
  fs.writeSync(
    logFd,
    `### ${label} on ${url}, AIRFLOW_HOME=${airflowHome}, bin=${bin}, database ${database} (${databaseLabel})\n`,
  );

  const t0 = Date.now();
  let server = null;
  try {
    if (major === 2) {
      // standalone would create `admin` with a random password; create it with a known one first.
      await runCli(bin, ['db', 'migrate'], env, logFd, airflowHome);
      await runCli(
        bin,
        [
          'users',
          'create',
          '--username',
          USERNAME,
          '--password',
          PASSWORD,
          '--firstname',
          'VSC',
          '--lastname',
          'Tests',
          '--role',
          'Admin',
          '--email',
          'admin@example.com',
        ],
        env,
        logFd,
        airflowHome,
      );
    }
  } catch (e) {
    fs.closeSync(logFd);
    fs.rmSync(airflowHome, { recursive: true, force: true });
    await stopOwnPostgres();
    throw new Error(`${label}: preparing ${url} failed: ${e.message}. Log ${logFile}:\n${tailFile(logFile)}`);
  }

  fs.writeSync(logFd, `\n### airflow standalone\n`);
  const child = spawn(bin, ['standalone'], { env, cwd: airflowHome, detached: true, stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  child.unref();
  let exited = null;
  child.on('exit', (code, sig) => {
    exited = { code, sig };
  });
  await new Promise((r) => (child.pid ? r() : child.once('spawn', r)));
  const pgid = child.pid;
  const watchdogPid = startWatchdog(pgid, airflowHome);

  let stopping = null;
  const stop = () => {
    stopping ??= (async () => {
      killGroup(pgid, 'SIGTERM');
      for (let i = 0; i < 50 && groupAlive(pgid); i++) await sleep(100);
      if (groupAlive(pgid)) {
        killGroup(pgid, 'SIGKILL');
        for (let i = 0; i < 20 && groupAlive(pgid); i++) await sleep(100);
      }
      try {
        process.kill(watchdogPid, 'SIGKILL');
      } catch {
        /* gone */
      }
      fs.rmSync(airflowHome, { recursive: true, force: true });
      await stopOwnPostgres();
      live.delete(server);
    })();
    return stopping;
  };
  server = { pgid, watchdogPid, airflowHome, stop };
  live.add(server);

  // Wait until the API answers, auth works, all test DAGs are parsed and the broken file is reported.
  let last = 'nothing yet (server starting)';
  let version;
  while (true) {
    if (exited) {
      last = `airflow standalone exited (code ${exited.code}, signal ${exited.sig}); last probe: ${last}`;
      break;
    }
    if (Date.now() - t0 > READY_TIMEOUT_MS) break;
    try {
      const p = await probe(major, url, dags);
      last = p.seen;
      if (p.ok) {
        version = p.version;
        break;
      }
    } catch (e) {
      last = `${e.cause?.code || e.name}: ${e.cause?.message || e.message}`;
    }
    await sleep(1000);
  }
  if (!version) {
    await stop();
    const secs = Math.round((Date.now() - t0) / 1000);
    throw new Error(
      `${label} at ${url} did not become ready within ${secs}s. Last seen: ${last}\n` +
        `Log file: ${logFile}\n--- last 40 lines ---\n${tailFile(logFile)}`,
    );
  }
  if (Number(version.split('.')[0]) !== major || (wanted && version !== wanted)) {
    await stop();
    throw new Error(`${label} at ${url}: server reports version ${version}`);
  }
  const readySeconds = (Date.now() - t0) / 1000;

  return {
    major,
    version,
    url,
    apiBase: `${url}/api/v${major === 2 ? 1 : 2}`,
    username: USERNAME,
    password: PASSWORD,
    airflowHome,
    /** The folder of DAG files this server parses (its own copy of test/dags for the test servers). */
    dagsFolder,
    logFile,
    database: databaseLabel,
    pid: pgid,
    readySeconds,
    stop,
  };
}

// ---------------------------------------------------------------- CLI
async function cli(argv) {
  const [cmd, majorArg, ...rest] = argv;
  if (cmd !== 'start' || !/^(2|3|[23]\.\d+\.\d+)$/.test(majorArg ?? '')) {
    console.error(
      'usage: node scripts/airflow/server.mjs start 2|3|X.Y.Z [--port N] [--log-dir DIR] [--jwt-expiration-seconds N] [--postgres-port N]',
    );
    process.exit(2);
  }
  const opts = {};
  for (let i = 0; i < rest.length; i++) {
    const [k, inline] = rest[i].split('=', 2);
    const val = inline ?? rest[++i];
    if (k === '--port') opts.port = Number(val);
    else if (k === '--log-dir') opts.logDir = val;
    else if (k === '--jwt-expiration-seconds') opts.jwtExpirationSeconds = Number(val);
    else if (k === '--postgres-port') opts.postgresPort = Number(val);
    else {
      console.error(`unknown option ${k}`);
      process.exit(2);
    }
  }
  const t0 = Date.now();
  let af;
  try {
    af = await startAirflow(majorArg.includes('.') ? majorArg : Number(majorArg), opts);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
  const info = { ...af, totalSeconds: (Date.now() - t0) / 1000 };
  delete info.stop;
  console.log(JSON.stringify(info));
  setInterval(() => {}, 1 << 30); // keep running; the signal handlers stop the server and exit
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli(process.argv.slice(2));
}
