// The run view's page in a real browser, without VS Code: its bundle (as esbuild.mjs builds it) fed a
// Grid of 25 runs × 500 tasks and a Graph of 1,000 tasks, timed (first paint of the Grid, layout and
// drawing of the Graph), read back from the DOM, and drawn to bench/out/runView-*.png. Needs `npx tsc -p .`
// (it builds the models with out/src/runViews) and `node esbuild.mjs` (the layout worker, dist/elkWorker.js)
// first. `node bench/runViewPage.mjs [--tasks=500] [--graph=1000]`.
/* global window, document, requestAnimationFrame -- what runs in the page, inside tab.evaluate */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..');
const arg = (name, d) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d);
const { gridModel } = require(join(root, 'out/src/runViews/gridModel.js'));
const { graphModel } = require(join(root, 'out/src/runViews/graphModel.js'));
const { ganttModel } = require(join(root, 'out/src/runViews/ganttModel.js'));
const { dagStructure } = require(join(root, 'out/src/views/explorer/taskGroups.js'));

const STATES = ['success', 'success', 'success', 'failed', 'running', 'upstream_failed', 'skipped', 'queued'];
const at = (min) => new Date(Date.UTC(2026, 10, 23, 3, min)).toISOString();

/** `n` tasks in groups of 25, each depending on its predecessor (and every 7th on the one 25 before). */
function dag(n, runCount) {
  const id = (i) => `group_${Math.floor(i / 25)}.task_${i}`;
  const tasks = Array.from({ length: n }, (_, i) => ({
    taskId: id(i),
    displayName: id(i),
    downstreamTaskIds: [i + 1 < n ? id(i + 1) : undefined, i % 7 === 0 && i + 25 < n ? id(i + 25) : undefined].filter(
      Boolean,
    ),
    isMapped: false,
    operator: null,
    retries: 0,
  }));
  const runs = Array.from({ length: runCount }, (_, r) => ({
    dagId: 'bench',
    runId: `run_${r}`,
    state: r === 0 ? 'running' : r % 5 ? 'success' : 'failed',
    runType: 'scheduled',
    conf: {},
    note: null,
    logicalDate: at(r * 60),
    queuedAt: at(r * 60),
    startDate: at(r * 60),
    endDate: r === 0 ? null : at(r * 60 + 10 + (r % 9)),
    dataIntervalStart: null,
    dataIntervalEnd: null,
    triggeredBy: null,
  }));
  const tis = runs.flatMap((run, r) =>
    tasks.map((t, i) => ({
      dagId: 'bench',
      runId: run.runId,
      taskId: t.taskId,
      displayName: t.taskId,
      mapIndex: -1,
      renderedMapIndex: null,
      tryNumber: 1,
      maxTries: 1,
      state: STATES[(i + r) % STATES.length],
      queuedAt: at(r * 60 + (i % 10)),
      startDate: at(r * 60 + (i % 10) + 1),
      endDate: at(r * 60 + (i % 10) + 2),
      duration: 60,
      operator: 'PythonOperator',
      hostname: 'worker-1',
      pool: 'default_pool',
      queue: 'default',
      note: null,
      priorityWeight: n - i,
    })),
  );
  return { tasks, runs, tis };
}

function show(d) {
  const grid = gridModel('bench', d.runs, d.tis, dagStructure(d.tasks), Date.parse(at(2000)));
  return {
    type: 'show',
    profileId: 'p',
    dagId: 'bench',
    grid,
    graph: graphModel(d.tasks, d.tis, 'run_1'),
    gantt: ganttModel('run_1', d.tis),
    selectedRun: 'run_1',
    details: undefined,
    hasOlder: true,
  };
}

const page = await esbuild.build({
  entryPoints: [join(root, 'src/runViews/page/main.ts')],
  bundle: true,
  minify: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  write: false,
  logLevel: 'silent',
});
const css = readFileSync(join(root, 'media/runView.css'), 'utf8');
// Stand-ins for the variables VS Code sets in a dark theme, and the API the webview provides.
const html = `<!DOCTYPE html><html><head><style>:root{--vscode-foreground:#ccc;--vscode-editor-background:#1e1e1e;--vscode-font-family:sans-serif;--vscode-font-size:13px;--vscode-focusBorder:#007fd4;--vscode-descriptionForeground:#999;--vscode-editorWidget-border:#444;--vscode-editorWidget-background:#252526;--vscode-button-background:#0e639c;--vscode-button-foreground:#fff;--vscode-button-secondaryBackground:#3a3d41;--vscode-button-secondaryForeground:#fff;--vscode-airflow-state-success:#4ade80;--vscode-airflow-state-failed:#f87171;--vscode-airflow-state-running:#60a5fa;--vscode-airflow-state-queued:#a1a1aa;--vscode-airflow-state-upstreamFailed:#fb923c;--vscode-airflow-state-skipped:#f472b6}${css}</style>
<script>window.sent=[];window.acquireVsCodeApi=()=>({postMessage:(m)=>window.sent.push(m),getState:()=>undefined,setState:()=>{}});</script>
</head><body><main id="run-view" data-layout-worker="http://bench.invalid/elkWorker.js"></main></body></html>`;

const { chromium } = await import('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
const out = join(root, 'bench/out');
mkdirSync(out, { recursive: true });
try {
  const tab = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = [];
  tab.on('pageerror', (e) => errors.push(String(e)));
  // The layout worker's script, as the webview fetches it from the extension.
  await tab.route('http://bench.invalid/elkWorker.js', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: readFileSync(join(root, 'dist/elkWorker.js'), 'utf8') }),
  );
  await tab.setContent(html);
  await tab.addScriptTag({ content: page.outputFiles[0].text });
  const post = (m) =>
    tab.evaluate((data) => {
      const t0 = performance.now();
      window.dispatchEvent(new MessageEvent('message', { data }));
      return performance.now() - t0;
    }, m);

  const grid = dag(arg('tasks', 500), 25);
  const gridMs = await post(show(grid));
  console.log(
    `Grid ${grid.runs.length} runs × ${grid.tasks.length} tasks, groups closed (a DAG of over 100 tasks opens so): first paint ${Math.round(gridMs)} ms of main-thread work; ${await tab.locator('td.cell').count()} cells`,
  );
  const expandMs = await tab.evaluate(() => {
    const t0 = performance.now();
    document.querySelector('button.groups').click();
    return performance.now() - t0;
  });
  const cells = await tab.locator('td.cell').count();
  const failed = await tab.locator('td.cell[data-state="failed"]').count();
  console.log(
    `Grid, "Expand all groups": drawn in ${Math.round(expandMs)} ms of main-thread work; ${cells} cells, ${failed} failed`,
  );
  // A refresh that changes 10 cells (the same rows and runs, 10 task instances of the newest run
  // in another state), as the live refresh sends it; median of 5.
  const refreshes = [];
  for (let i = 0; i < 5; i++) {
    const next = {
      ...grid,
      tis: grid.tis.map((t, k) => (k < 10 ? { ...t, state: i % 2 ? 'success' : 'running' } : t)),
    };
    refreshes.push(await post(show(next)));
  }
  refreshes.sort((a, b) => a - b);
  const changedNow = await tab.locator('td.cell[data-state="running"], td.cell[data-state="success"]').count();
  console.log(
    `Grid refresh changing 10 cells: ${refreshes[2].toFixed(1)} ms of main-thread work (median of 5; ${changedNow} running or success cells now)`,
  );
  await tab.locator('tr:has(th.depth-1) td.cell').first().click();
  await tab.keyboard.press('ArrowDown');
  await tab.keyboard.press('ArrowRight');
  await tab.keyboard.press('Enter');
  console.log(
    `keyboard: focused ${await tab.evaluate(() => document.activeElement?.getAttribute('aria-label'))}; sent ${JSON.stringify((await tab.evaluate(() => window.sent)).slice(-2))}`,
  );
  await tab.screenshot({ path: join(out, 'runView-grid.png') });

  // The Graph, timed from the tab's click until its SVG is in the page: first with the groups as
  // the Grid left them (open), then closed, as a big DAG opens.
  const graph = dag(arg('graph', 1000), 2);
  await post(show(graph));
  const drawGraph = async (what) => {
    const t0 = Date.now();
    await tab.getByRole('tab', { name: 'Graph' }).click();
    await tab.locator('svg.graph').waitFor({ timeout: 600_000 });
    console.log(
      `Graph of ${graph.tasks.length} tasks, ${what} (elkjs in a worker): laid out and drawn in ${Date.now() - t0} ms; ${await tab.locator('svg.graph g.node').count()} nodes, ${await tab.locator('svg.graph .edge').count()} edges`,
    );
  };
  await drawGraph('every group open');
  await tab.screenshot({ path: join(out, 'runView-graph.png') });
  // Panning the big graph by dragging its background for about a second: frames drawn and long
  // tasks (over 50 ms) on the page's thread meanwhile.
  await tab.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((l) => window.longTasks.push(...l.getEntries().map((e) => e.duration))).observe({
      type: 'longtask',
    });
    window.frames60 = 0;
    const count = () => {
      window.frames60++;
      if (window.counting) requestAnimationFrame(count);
    };
    window.counting = true;
    window.panStart = performance.now();
    requestAnimationFrame(count);
  });
  const box = await tab.locator('.graph-scroller').boundingBox();
  await tab.mouse.move(box.x + box.width - 20, box.y + box.height - 20);
  await tab.mouse.down();
  for (let i = 0; i < 60; i++) await tab.mouse.move(box.x + box.width - 20 - i * 10, box.y + box.height - 20 - i * 4);
  await tab.mouse.up();
  const pan = await tab.evaluate(() => {
    window.counting = false;
    const seconds = (performance.now() - window.panStart) / 1000;
    return { fps: window.frames60 / seconds, longest: Math.max(0, ...window.longTasks), long: window.longTasks.length };
  });
  console.log(
    `Graph panned by dragging (60 moves): ${pan.fps.toFixed(0)} frames per second, ${pan.long} long tasks (longest ${Math.round(pan.longest)} ms)`,
  );
  await tab.getByRole('tab', { name: 'Grid' }).click();
  await tab.locator('button.groups').click();
  await drawGraph('groups closed');
  await tab.screenshot({ path: join(out, 'runView-graph-closed.png') });
  await tab.getByRole('tab', { name: 'Gantt' }).click();
  console.log(`Gantt: ${await tab.locator('.gantt-row').count()} bars`);
  await tab.screenshot({ path: join(out, 'runView-gantt.png') });
  if (errors.length) console.log(`page errors: ${errors.join('; ')}`);
  writeFileSync(join(out, 'runView.html'), html);
} finally {
  await browser.close();
}
