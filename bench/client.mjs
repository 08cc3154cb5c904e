// The Airflow client's page walks in plain Node, run by bench/run.mjs (prints one JSON line).
//   node --expose-gc bench/client.mjs fake RUNS                    the fake Airflow (5,000 DAGs, a run of 1,000 mapped tasks), in a child process
//   node --expose-gc bench/client.mjs URL RUNS USER PASSWORD       a real Airflow 3.x
// Every run uses a fresh client; requests are counted at the client's fetch (the version request
// of connect and the token request are left out); heap figures start from a collected heap.
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fakeModule = join(root, 'out/test/support/fakeAirflow.js');
const DAGS = 5_000;
const MAPPED = 1_000;
const DAG_ID = 'mapped_etl';
const RUN_ID = 'manual__2026-11-23T00:00:00+00:00';

const [target, runsArg, username, password] = process.argv.slice(2);

if (target === '--serve') {
  const { FakeAirflow } = require(fakeModule);
  const fake = await FakeAirflow.start();
  fake.serveDags(DAGS).serveMappedRun(DAG_ID, RUN_ID, MAPPED);
  process.on('message', (m) => m === 'stop' && void fake.close().then(() => process.exit(0)));
  process.send({ url: fake.url });
} else {
  if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
  const runs = Number(runsArg ?? 5);
  let server;
  let url = target;
  if (target === 'fake') {
    server = fork(fileURLToPath(import.meta.url), ['--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    url = await new Promise((resolve) => server.once('message', (m) => resolve(m.url)));
  }
  const auth =
    target === 'fake'
      ? { kind: 'basic', username: 'bench', password: 'bench-password' }
      : { kind: 'jwt', username, password };
  const scenarios = {
    dagsFirstPage: (c) => c.listDags({}, { limit: 100, offset: 0 }).then((p) => p.items),
    dagsAll: (c) => c.listAllDags(),
  };
  if (target === 'fake') scenarios.mapped = (c) => c.listTaskInstances(DAG_ID, RUN_ID);
  const out = {};
  try {
    for (const [name, fn] of Object.entries(scenarios)) {
      out[name] = [];
      for (let i = 0; i <= runs; i++) {
        const sample = await measure(url, auth, fn);
        if (i > 0) out[name].push(sample); // the first run warms up (JIT, sockets)
      }
    }
  } finally {
    server?.send('stop');
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

async function measure(url, auth, fn) {
  const { AirflowClient } = require(join(root, 'out/src/airflow/index.js'));
  let requests = 0;
  let counting = false;
  const counted = (input, init) => {
    if (counting && !String(input.url ?? input).includes('/auth/token')) requests++;
    return fetch(input, init);
  };
  const client = await AirflowClient.connect({ baseUrl: url, auth, fetch: counted });
  globalThis.gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 2);
  counting = true;
  const t0 = performance.now();
  const items = await fn(client);
  const ms = performance.now() - t0;
  counting = false;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return {
    ms: Math.round(ms * 10) / 10,
    requests,
    items: items.length,
    peakHeapMB: Math.round(((peak - base) / 1024 / 1024) * 10) / 10,
  };
}
