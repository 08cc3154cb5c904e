// Benchmark of the Airflow client's page walks against the fake Airflow (not a test).
//   npm run compile-tests && node bench/client.bench.mjs
// The fake server runs in a child process so the memory figures are the client's alone.
// Re-executes itself with --expose-gc so heap figures start from a collected heap.
// Writes bench/RESULTS.md.
import { fork, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const require = createRequire(import.meta.url);
const fakeModule = join(root, 'out/test/support/fakeAirflow.js');
const clientModule = join(root, 'out/src/airflow/index.js');

const DAGS = 5_000;
const MAPPED = 1_000;
const RUNS = 5;
const DAG_ID = 'mapped_etl';
const RUN_ID = 'manual__2026-11-23T00:00:00+00:00';

if (process.argv[2] === '--serve') {
  // Child: the fake server with both datasets; counts are read and reset over IPC.
  const { FakeAirflow } = require(fakeModule);
  const fake = await FakeAirflow.start();
  fake.serveDags(DAGS).serveMappedRun(DAG_ID, RUN_ID, MAPPED);
  process.on('message', (m) => {
    if (m === 'reset') fake.resetCounts();
    if (m === 'counts') process.send({ counts: fake.countsByRoute() });
    if (m === 'stop') void fake.close().then(() => process.exit(0));
  });
  process.send({ url: fake.url });
} else if (typeof globalThis.gc !== 'function') {
  const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
} else {
  await main();
}

async function main() {
  const startRssMB = mb(process.memoryUsage.rss());
  const loadBefore = loadavg()[0];
  const { AirflowClient } = require(clientModule);
  const { fakeDag, fakeTaskInstance } = require(fakeModule);
  const server = fork(fileURLToPath(import.meta.url), ['--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = (msg, key) => new Promise((resolve) => {
    const on = (m) => {
      if (key in m) {
        server.off('message', on);
        resolve(m[key]);
      }
    };
    server.on('message', on);
    if (msg) server.send(msg);
  });
  const url = await ask(undefined, 'url');

  const scenarios = [
    {
      name: `listAllDags: ${DAGS.toLocaleString('en')} DAGs (v2 DAGResponse)`,
      bytesPerItem: JSON.stringify(fakeDag(1234)).length,
      items: DAGS,
      run: (c) => c.listAllDags(),
    },
    {
      name: `listTaskInstances: 1 run, ${MAPPED.toLocaleString('en')} mapped task instances`,
      bytesPerItem: JSON.stringify(fakeTaskInstance(DAG_ID, RUN_ID, 'process', 567)).length,
      items: MAPPED,
      run: (c) => c.listTaskInstances(DAG_ID, RUN_ID),
    },
  ];

  const results = [];
  for (const s of scenarios) {
    const runs = [];
    // One warm-up run (JIT, sockets), then RUNS measured runs, each with a fresh client.
    for (let i = 0; i <= RUNS; i++) {
      const client = await AirflowClient.connect({ baseUrl: url, auth: { kind: 'basic', username: 'bench', password: 'bench-password' } });
      server.send('reset');
      await ask('counts', 'counts'); // the reset has been handled once counts come back
      const m = await measure(() => s.run(client));
      if (m.value.length !== s.items) throw new Error(`${s.name}: got ${m.value.length} items, expected ${s.items}`);
      const counts = await ask('counts', 'counts');
      m.requests = Object.values(counts).reduce((a, b) => a + b, 0);
      delete m.value;
      if (i > 0) runs.push(m);
    }
    const med = (k) => median(runs.map((r) => r[k]));
    results.push({
      ...s,
      requests: med('requests'),
      wallMs: med('wallMs'),
      wallMinMs: Math.min(...runs.map((r) => r.wallMs)),
      wallMaxMs: Math.max(...runs.map((r) => r.wallMs)),
      peakHeapDeltaMB: med('peakHeapDeltaMB'),
      retainedHeapMB: med('retainedHeapMB'),
      peakRssMB: med('peakRssMB'),
    });
    console.log(JSON.stringify(results.at(-1), (k, v) => (k === 'run' ? undefined : v)));
  }
  server.send('stop');
  writeResults(results, startRssMB, [loadBefore, loadavg()[0]]);
}

/** Runs `fn` once; samples heap and RSS every 2 ms; heap figures are relative to a collected heap before the run. */
async function measure(fn) {
  globalThis.gc();
  const base = process.memoryUsage();
  let peakHeap = base.heapUsed;
  let peakRss = base.rss;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
    if (m.rss > peakRss) peakRss = m.rss;
  };
  const timer = setInterval(sample, 2);
  const t0 = performance.now();
  const value = await fn();
  const wallMs = performance.now() - t0;
  clearInterval(timer);
  sample();
  globalThis.gc();
  const retained = process.memoryUsage().heapUsed - base.heapUsed;
  return {
    value,
    wallMs,
    peakHeapDeltaMB: mb(peakHeap - base.heapUsed),
    retainedHeapMB: mb(retained),
    peakRssMB: mb(peakRss),
  };
}

function writeResults(results, startRssMB, load) {
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  const f = (n, d = 1) => n.toFixed(d);
  const rows = results.map((r) =>
    `| ${r.name} | ${r.requests} | ${f(r.wallMs, 0)} (${f(r.wallMinMs, 0)}–${f(r.wallMaxMs, 0)}) | ${f(r.peakHeapDeltaMB)} | ${f(r.retainedHeapMB)} | ${f(r.peakRssMB)} | ${r.bytesPerItem} B × ${r.items} ≈ ${f((r.bytesPerItem * r.items) / 1e6)} MB |`);
  const text = `# Client benchmark

Page walks of the Airflow client (\`out/src/airflow\`) against the in-process fake Airflow
(\`test/support/fakeAirflow.ts\`, run in a child process so memory figures are the client's).
Not a test and not part of \`npm test\`.

- Date: ${new Date().toISOString()}
- Machine: ${availableParallelism()} CPUs (nproc), ${cpu}; Node ${process.version} (${process.platform}/${process.arch});
  1-minute load average ${f(load[0], 2)} before, ${f(load[1], 2)} after (other work on the machine makes wall times noisy)
- Reproduce: \`npm run compile-tests && node bench/client.bench.mjs\` (the script re-runs itself with \`--expose-gc\`; this file is rewritten)

Each figure is the median of ${RUNS} runs after one warm-up run; each run uses a fresh client
(\`AirflowClient.connect\`, basic auth, default page size 100 = the server's cap, default retries/timeouts).
The fake answers like Airflow 3.x: \`limit\`/\`offset\`, limit capped at 100, realistic v2 payloads.
"Requests" counts what the server saw during the walk (the version request of \`connect\` is not counted).

| Scenario | Requests | Wall ms, median (min–max) | Peak heap above baseline, MB | Heap retained after GC, MB | Peak RSS, MB | Payload |
|---|---:|---:|---:|---:|---:|---|
${rows.join('\n')}

Notes
- Wall time is client and server on the same ${availableParallelism()}-core machine over loopback: it is the
  client's own cost (requests in sequence, JSON parsing, mapping to the model) plus the fake's JSON encoding;
  a real Airflow adds its query time to each of the sequential page requests.
- "Heap retained" is what the result (the mapped \`Dag[]\` / \`TaskInstance[]\`) keeps alive; "peak heap" also
  counts the response text and parsed wire objects, which are garbage once a page is mapped.
- Peak RSS is of the whole benchmark process, which starts at ${f(startRssMB)} MB (Node with the client loaded);
  RSS seldom shrinks, so the second row's figure is bounded below by what the first left mapped.
`;
  writeFileSync(join(here, 'RESULTS.md'), text);
  console.log(`wrote ${join(here, 'RESULTS.md')}`);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function mb(bytes) {
  return bytes / (1024 * 1024);
}
