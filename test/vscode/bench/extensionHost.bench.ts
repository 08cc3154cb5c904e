/**
 * Benchmark (not a test; asserts nothing about time): what a user waits for inside a real VS Code
 * extension host (code-server). Run by `npm run bench` (bench/run.mjs), once per fresh code-server,
 * which gives one activation sample per run; it writes <results>/bench-extension-host.json.
 * The fake Airflow runs in a process of its own, so time and memory here are the extension host's.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import * as vscode from 'vscode';
import type { TestHooks } from '../../../src/extension';
import { BIG, MAPPED_RUN } from '../../support/fakeLogServer';
import { fakeDag } from '../../support/fakeAirflow';
import { EXTENSION_ID } from '../support/airflow';
import { startFakeLogServer } from '../support/fakeLogProcess';

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

/** Requests by route, without the fake's own control routes. */
function apiRequests(counts: Record<string, number>): number {
  return Object.entries(counts)
    .filter(([k]) => !k.includes('/__'))
    .reduce((a, [, n]) => a + n, 0);
}

let gc: (() => void) | undefined;
/**
 * A full garbage collection of the extension host (the benchmark's own, never the extension's):
 * each log starts from a collected heap, so one log's garbage is not the next one's head start, and
 * what a closed tab still holds is told apart from garbage not yet collected.
 */
function fullGc(): void {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}

/** Samples the host's memory and how late a 10 ms timer fires (= how long the host was frozen). */
function sampler() {
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed + before.external;
  let maxStall = 0;
  const start = performance.now();
  let last = start;
  /** [ms since start, ms late] of each stall over 50 ms, to find it in a CPU profile. */
  const stalls: Array<[number, number]> = [];
  const timer = setInterval(() => {
    const now = performance.now();
    maxStall = Math.max(maxStall, now - last - 10);
    if (now - last - 10 > 50) stalls.push([round(last - start, 0), round(now - last - 10, 0)]);
    last = now;
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed + m.external);
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return {
        maxStallMs: round(maxStall, 0),
        stalls,
        rssGrowthMB: round((peakRss - before.rss) / MB),
        heapGrowthMB: round((peakHeap - before.heapUsed - before.external) / MB),
        before,
      };
    },
  };
}

/**
 * VS Code's own activation figures for the extension, as Developer: Startup Performance lists them
 * (the Running Extensions view shows "Load Code" + "Call Activate"), read from that view's document.
 */
async function vscodeActivationTimes(): Promise<{
  loadCodeMs: number;
  callActivateMs: number;
  finishActivateMs: number;
  event: string;
} | null> {
  await vscode.commands.executeCommand('perfview.show');
  for (let i = 0; i < 50; i++) {
    const doc = vscode.workspace.textDocuments.find((d) => d.getText().includes('Extension Activation Stats'));
    // | Extension | Eager | Load Code | Call Activate | Finish Activate | Event | By |
    const cells = doc
      ?.getText()
      .split('\n')
      .map((l) =>
        l
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim()),
      )
      .find((c) => c[0] === EXTENSION_ID);
    if (cells) {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      return {
        loadCodeMs: Number(cells[2]),
        callActivateMs: Number(cells[3]),
        finishActivateMs: Number(cells[4]),
        event: cells[5],
      };
    }
    await sleep(200);
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  return null;
}

async function dagList(h: TestHooks, repeats: number) {
  const server = await startFakeLogServer('v2', 1, { dags: 5000, mapped: 1000 });
  const rows: Array<Record<string, number>> = [];
  try {
    await h.store.save({ id: 'bench-dags', name: 'bench-dags', url: server.url, auth: 'none' });
    await h.store.setActive('bench-dags');
    await h.explorer.getChildren();
    await sleep(1000);
    const dag0 = String(fakeDag(0).dag_id);
    for (let i = 0; i < repeats; i++) {
      await server.reset();
      h.explorer.refresh();
      let t0 = performance.now();
      const roots = await h.explorer.getChildren();
      const firstPageMs = performance.now() - t0;
      const shown = roots.filter((n) => n.kind === 'dag').length;
      const firstPageRequests = (await server.counts())['GET /api/v2/dags'] ?? 0;
      const dag = roots.find((n) => n.kind === 'dag' && n.dag.dagId === dag0);
      if (!dag) throw new Error(`${dag0} is not in the first page`);
      const [run] = (await h.explorer.getChildren(dag)).filter((n) => n.kind === 'run');
      if (!run || run.kind !== 'run' || run.run.runId !== MAPPED_RUN)
        throw new Error('the mapped run is not in the tree');
      await server.reset();
      t0 = performance.now();
      const tasks = await h.explorer.getChildren(run);
      const expandMs = performance.now() - t0;
      const expandRequests = apiRequests(await server.counts());
      rows.push({
        dagsShown: shown,
        firstPageMs: round(firstPageMs),
        firstPageRequests,
        expandMs: round(expandMs),
        expandRequests,
        taskRows: tasks.length,
      });
      console.log(JSON.stringify(rows[rows.length - 1]));
    }
  } finally {
    server.stop();
    await h.store.remove('bench-dags');
  }
  return rows;
}

/**
 * With BENCH_CPU_PROFILE=1, a CPU profile of the extension host over a big log's load, written
 * beside the results (open it in Chrome's DevTools): what the stalls are made of.
 */
async function cpuProfile(name: string, intervalUs = 500): Promise<() => Promise<void>> {
  const dir = process.env.VSC_TEST_RESULTS_DIR;
  if (process.env.BENCH_CPU_PROFILE !== '1' || !dir) return async () => undefined;
  const inspector = await import('inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: intervalUs });
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  };
}

/** Opens a big log and measures it; `settingMB` sets airflow.logMaxSizeMB for this one (its default otherwise). */
async function bigLog(h: TestHooks, api: 'v1' | 'v2', mb: number, settingMB?: number) {
  const server = await startFakeLogServer(api, mb);
  const id = `bench-log-${api}`;
  const setting = vscode.workspace.getConfiguration('airflow');
  try {
    await h.store.save({ id, name: id, url: server.url, auth: 'none' });
    if (settingMB !== undefined) await setting.update('logMaxSizeMB', settingMB, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sleep(2000);
    fullGc();
    let firstContentMs: number | undefined;
    const t0 = performance.now();
    const seen = (doc: vscode.TextDocument) => {
      if (
        firstContentMs === undefined &&
        doc.uri.scheme === 'airflow-log' &&
        /processed row/.test(doc.getText(new vscode.Range(0, 0, 20, 0)))
      )
        firstContentMs = performance.now() - t0;
    };
    const subs = [
      vscode.workspace.onDidOpenTextDocument(seen),
      vscode.workspace.onDidChangeTextDocument((e) => seen(e.document)),
    ];
    const stopProfile = await cpuProfile(`log-${api}`);
    const s = sampler();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('airflow.openLog', { profileId: id, ...BIG });
    const endShownMs = performance.now() - t0;
    await sleep(2000); // the editor takes the text, the host settles
    const m = s.stop();
    await stopProfile();
    for (const d of subs) d.dispose();
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!doc) throw new Error('the log did not open');
    const tail = doc.lineAt(doc.lineCount - 1).text || doc.lineAt(doc.lineCount - 2).text;
    if (!tail.includes('BIG LOG END')) throw new Error(`the tab does not end with the log's last lines: ${tail}`);
    // Not doc.getText(): VS Code would keep that whole string with the document after its tab closed.
    const tabMB = round(doc.offsetAt(new vscode.Position(doc.lineCount, 0)) / MB);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sleep(5000);
    const after = process.memoryUsage();
    // Buffers are given back after a collection, not during it: collect, let that happen, collect again.
    fullGc();
    await sleep(1000);
    fullGc();
    const collected = process.memoryUsage();
    // VS Code keeps a closed tab's document: the tab's text must have been let go all the same.
    const keptDocumentLines = vscode.workspace.textDocuments
      .filter((d) => d.uri.scheme === 'airflow-log')
      .map((d) => d.lineCount);
    // With BENCH_HEAP_SNAPSHOT=1, what is still held (open it in Chrome's DevTools, Memory).
    if (process.env.BENCH_HEAP_SNAPSHOT === '1' && process.env.VSC_TEST_RESULTS_DIR)
      v8.writeHeapSnapshot(
        path.join(process.env.VSC_TEST_RESULTS_DIR, `after-close-${api}-${settingMB ?? 'default'}.heapsnapshot`),
      );
    const logMB = server.bytes / MB;
    return {
      api,
      logMB: round(logMB),
      firstContentMs: round(firstContentMs ?? NaN),
      endShownMs: round(endShownMs),
      maxStallMs: m.maxStallMs,
      stalls: m.stalls,
      rssGrowthMB: m.rssGrowthMB,
      heapGrowthMB: m.heapGrowthMB,
      growthRatio: round(m.rssGrowthMB / logMB, 2),
      rssAfterCloseMB: round((after.rss - m.before.rss) / MB),
      heapAfterCloseMB: round((after.heapUsed + after.external - m.before.heapUsed - m.before.external) / MB),
      heapHeldAfterCloseMB: round(
        (collected.heapUsed + collected.external - m.before.heapUsed - m.before.external) / MB,
      ),
      heldSplitMB: {
        heap: round((collected.heapUsed - m.before.heapUsed) / MB),
        external: round((collected.external - m.before.external) / MB),
      },
      tabMB,
      settingMB: settingMB ?? null,
      keptDocumentLines,
    };
  } finally {
    server.stop();
    if (settingMB !== undefined) await setting.update('logMaxSizeMB', undefined, vscode.ConfigurationTarget.Global);
    await h.store.remove(id);
  }
}

export async function run(): Promise<void> {
  // The runner (scripts/vscode/run-in-code-server.mjs) waits for results.json, as it does for the suites.
  const dir = process.env.VSC_TEST_RESULTS_DIR;
  const results = {
    passed: 0,
    failed: 0,
    failures: [] as { title: string; error: string }[],
    vscodeVersion: vscode.version,
  };
  try {
    const out = await measureAll();
    console.log(JSON.stringify(out));
    if (dir) fs.writeFileSync(path.join(dir, 'bench-extension-host.json'), JSON.stringify(out, null, 2));
    results.passed = 1;
  } catch (err) {
    results.failed = 1;
    results.failures.push({
      title: 'extension host benchmark',
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
  }
  if (dir) fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify(results, null, 2));
}

async function measureAll(): Promise<Record<string, unknown>> {
  const ext = vscode.extensions.getExtension<TestHooks | undefined>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} not found`);
  // What VS Code counts as activation: loading the bundle and calling activate(), here in its real host.
  const wasActive = ext.isActive;
  const stopActivationProfile = await cpuProfile('activation', 50);
  const t0 = performance.now();
  const h = await ext.activate();
  const activationMs = wasActive ? null : round(performance.now() - t0, 2);
  await stopActivationProfile();
  if (!h) throw new Error('test hooks missing: run with AIRFLOW_VSCODE_TEST_HOOKS=1');
  const vscodeActivation = await vscodeActivationTimes();
  const out: Record<string, unknown> = {
    date: new Date().toISOString(),
    vscode: vscode.version,
    node: process.version,
    activationMs,
    vscodeActivation,
  };
  out.dagList = await dagList(h, Number(process.env.BENCH_REPEATS ?? 3));
  const mb = Number(process.env.BENCH_LOG_MB ?? 50);
  out.logs = [await bigLog(h, 'v2', mb), await bigLog(h, 'v1', mb)];
  // What a user who raises the setting to the former default pays (VS Code's handling of the tab grows with it).
  out.logs16 = await bigLog(h, 'v2', mb, 16);
  return out;
}
