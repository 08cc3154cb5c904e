// `npm run bench`: every benchmark, from a clean build, into BENCHMARKS.md (a table) and
// BENCHMARKS.json beside it. Not a test: it asserts nothing about time; a figure past its target is
// reported, not failed. Each figure is the median and min-max of repeated runs.
//   BENCH_PARTS=sizes,node,client,vscode,airflow   (default: all)  BENCH_VSCODE_RUNS=3  BENCH_RUNS=5
//   BENCH_CPU_PROFILE=1 / BENCH_HEAP_SNAPSHOT=1: CPU profiles of activation and of each big log's load / a heap snapshot after each log closes, beside the results
// Starts code-server and a real Airflow: run it under the machine's shared lock where there is one.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { realAirflow, REAL_DAGS } from './airflow.mjs';
import { requireBundle } from './requireBundle.mjs';
import { sizes } from './sizes.mjs';
import {
  codeServerVscodeVersion,
  CODE_SERVER_VERSION,
  runInCodeServer,
} from '../scripts/vscode/run-in-code-server.mjs';
import { prepareTestExtension } from '../scripts/vscode/test-extension.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const parts = (process.env.BENCH_PARTS ?? 'sizes,node,client,vscode,airflow').split(',');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const VSCODE_RUNS = Number(process.env.BENCH_VSCODE_RUNS ?? 3);
const log = (s) => console.log(`[bench] ${s}`);
const bin = (name) => join(root, 'node_modules/.bin', name);

function sh(cmd, args) {
  log(`${cmd.split('/').pop()} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/** { median, min, max, n } of the numbers given (nulls and NaN left out). */
function stats(values) {
  const xs = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = xs.length >> 1;
  const median = xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
  return { median: Math.round(median * 100) / 100, min: xs[0], max: xs[xs.length - 1], n: xs.length };
}

const version = (pkg) => {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
};

async function main() {
  const started = new Date();
  const git = (...a) => execFileSync('git', a, { cwd: root, encoding: 'utf8' }).trim();
  const dirty = git('status', '--porcelain')
    .split('\n')
    .filter((l) => l && !/BENCHMARKS\.(md|json)$/.test(l));
  const env = {
    date: started.toISOString(),
    commit: git('rev-parse', 'HEAD'),
    uncommittedChanges: dirty.length,
    cores: availableParallelism(),
    cpu: cpus()[0]?.model?.trim() ?? 'unknown',
    loadAverageBefore: Math.round(loadavg()[0] * 100) / 100,
    node: process.version,
    versions: {
      esbuild: version('esbuild'),
      typescript: version('typescript'),
      ky: version('ky'),
      undici: version('undici'),
      codeServer: CODE_SERVER_VERSION,
      vscode: codeServerVscodeVersion(),
    },
  };
  const results = { env, figures: {}, failures: {} };
  const f = results.figures;
  // A part that fails is reported in the table as not measured, with why; the others still run.
  const part = async (name, fn) => {
    try {
      await fn();
    } catch (err) {
      results.failures[name] = String(err?.stack ?? err)
        .split('\n')
        .slice(0, 6)
        .join('\n');
      log(`${name} FAILED: ${err?.message ?? err}`);
    }
  };

  // A clean build: nothing left from earlier builds is measured (BENCH_NO_CLEAN=1 while working on the bench itself).
  env.cleanBuild = process.env.BENCH_NO_CLEAN !== '1';
  if (env.cleanBuild) {
    rmSync(join(root, 'dist'), { recursive: true, force: true });
    rmSync(join(root, 'out'), { recursive: true, force: true });
  }
  sh(process.execPath, ['esbuild.mjs', '--production', '--metafile', 'dist/meta.json']);
  sh(bin('tsc'), ['-p', '.']);

  if (parts.includes('sizes'))
    await part('sizes', async () => {
      sh(bin('vsce'), [
        'package',
        '--no-dependencies',
        '--no-rewrite-relative-links',
        '--out',
        'dist/airflow-vscode.vsix',
      ]);
      results.sizes = sizes(root, join(root, 'dist/meta.json'));
      f.bundleKb = stats([results.sizes.bundle.kb]);
      f.agentKb = stats([results.sizes.agent.kb]);
      f.vsixKb = stats([results.sizes.vsixKb]);
    });

  if (parts.includes('node'))
    await part('node', async () => {
      log('require() of the bundle in plain Node, 11 fresh processes');
      const samples = requireBundle(11);
      results.requireBundle = samples;
      f.requireMs = stats(samples.map((s) => s.load + s.activate));
    });

  if (parts.includes('client'))
    await part('client', async () => {
      log(`client page walks against the fake Airflow, ${RUNS} runs each`);
      const r = spawnSync(process.execPath, ['--expose-gc', join(root, 'bench/client.mjs'), 'fake', String(RUNS)], {
        encoding: 'utf8',
        cwd: root,
      });
      if (r.status !== 0) throw new Error(`bench/client.mjs failed: ${r.stderr}`);
      const walks = JSON.parse(r.stdout.trim().split('\n').pop());
      results.client = walks;
      f.fakeFirstPageClientMs = stats(walks.dagsFirstPage.map((s) => s.ms));
      f.fakeAllDagsMs = stats(walks.dagsAll.map((s) => s.ms));
      f.fakeAllDagsRequests = stats(walks.dagsAll.map((s) => s.requests));
      f.fakeAllDagsPeakHeapMB = stats(walks.dagsAll.map((s) => s.peakHeapMB));
      f.mappedClientMs = stats(walks.mapped.map((s) => s.ms));
    });

  if (parts.includes('vscode'))
    await part('vscode', async () => {
      const runs = [];
      // The shipped bundle has no test hooks; the suites' copy differs from it only by that one branch.
      const extensionPath = prepareTestExtension(root);
      for (let i = 0; i < VSCODE_RUNS; i++) {
        log(`extension host (code-server), run ${i + 1} of ${VSCODE_RUNS}`);
        const dir = join(root, 'test-results', 'bench', `vscode-${i + 1}`);
        const r = await runInCodeServer({
          extensionPath,
          testsPath: join(root, 'out/test/vscode/bench/extensionHost.bench.js'),
          resultsDir: dir,
          env: { AIRFLOW_VSCODE_TEST_HOOKS: '1' },
          timeoutMs: 15 * 60_000,
          log: () => undefined,
        });
        env.versions.extensionHostNode = r.nodeVersion;
        if (r.failed > 0)
          throw new Error(`the extension host benchmark failed: ${r.failures.map((x) => x.error).join('\n')}`);
        runs.push(JSON.parse(readFileSync(join(dir, 'bench-extension-host.json'), 'utf8')));
      }
      results.extensionHost = runs;
      const dag = runs.flatMap((r) => r.dagList);
      const logs = (api) => runs.map((r) => r.logs.find((l) => l.api === api));
      f.activationMs = stats(runs.map((r) => r.activationMs));
      const vsAct = runs.map((r) => r.vscodeActivation).filter(Boolean);
      f.activationVscodeMs = stats(vsAct.map((a) => a.loadCodeMs + a.callActivateMs));
      f.activationVscodeLoadMs = stats(vsAct.map((a) => a.loadCodeMs));
      f.activationVscodeCallMs = stats(vsAct.map((a) => a.callActivateMs));
      f.fakeFirstPageShownMs = stats(dag.map((d) => d.firstPageMs));
      f.fakeFirstPageRequests = stats(dag.map((d) => d.firstPageRequests));
      f.fakeFirstPageDags = stats(dag.map((d) => d.dagsShown));
      f.mappedExpandMs = stats(dag.map((d) => d.expandMs));
      f.mappedExpandRequests = stats(dag.map((d) => d.expandRequests));
      for (const api of ['v2', 'v1']) {
        const l = logs(api);
        f[`log_${api}_MB`] = stats(l.map((x) => x.logMB));
        f[`log_${api}_firstContentMs`] = stats(l.map((x) => x.firstContentMs));
        f[`log_${api}_endShownMs`] = stats(l.map((x) => x.endShownMs));
        f[`log_${api}_maxStallMs`] = stats(l.map((x) => x.maxStallMs));
        f[`log_${api}_growthRatio`] = stats(l.map((x) => x.growthRatio));
        f[`log_${api}_rssGrowthMB`] = stats(l.map((x) => x.rssGrowthMB));
        f[`log_${api}_heapAfterCloseMB`] = stats(l.map((x) => x.heapAfterCloseMB));
        f[`log_${api}_heapHeldAfterCloseMB`] = stats(l.map((x) => x.heapHeldAfterCloseMB));
        f[`log_${api}_tabMB`] = stats(l.map((x) => x.tabMB));
      }
      const l16 = runs.map((r) => r.logs16).filter(Boolean);
      f.log16_firstContentMs = stats(l16.map((x) => x.firstContentMs));
      f.log16_endShownMs = stats(l16.map((x) => x.endShownMs));
      f.log16_maxStallMs = stats(l16.map((x) => x.maxStallMs));
      f.log16_growthRatio = stats(l16.map((x) => x.growthRatio));
      f.log16_heapHeldAfterCloseMB = stats(l16.map((x) => x.heapHeldAfterCloseMB));
    });

  if (parts.includes('airflow'))
    await part('airflow', async () => {
      log(`a real Airflow 3.x on PostgreSQL with ${REAL_DAGS} generated DAGs`);
      const real = await realAirflow(root, RUNS, log);
      results.realAirflow = real;
      env.versions.airflow = real.version;
      env.versions.database = real.database;
      f.realFirstPageMs = stats(real.walks.dagsFirstPage.map((s) => s.ms));
      f.realFirstPageRequests = stats(real.walks.dagsFirstPage.map((s) => s.requests));
      f.realAllDagsMs = stats(real.walks.dagsAll.map((s) => s.ms));
      f.realAllDagsRequests = stats(real.walks.dagsAll.map((s) => s.requests));
      f.realAllDagsPeakHeapMB = stats(real.walks.dagsAll.map((s) => s.peakHeapMB));
    });

  env.loadAverageAfter = Math.round(loadavg()[0] * 100) / 100;
  env.seconds = Math.round((Date.now() - started.getTime()) / 1000);
  writeFileSync(join(root, 'BENCHMARKS.json'), `${JSON.stringify(results, null, 2)}\n`);
  const { report } = await import('./report.mjs');
  writeFileSync(join(root, 'BENCHMARKS.md'), report(results));
  log(`wrote BENCHMARKS.md and BENCHMARKS.json in ${env.seconds} s`);
}

if (!existsSync(join(root, 'node_modules'))) throw new Error('run npm ci first');
await main();
