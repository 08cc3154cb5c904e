// The run view (issue 25) in the real VS Code against real Airflow 2.x and 3.x, read from the page
// itself (the webview's frame, through the outer runner): the Grid's cells against the server's task
// instances, a click and the details strip's actions, the Graph's tasks and edges, the Gantt's
// order, a run changing state with no manual refresh, and the three themes.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FINAL_RUN_STATES, type AirflowClient, type DagRun, type TaskInstance } from '../../src/airflow';
import { airflow, hooks, servedMajors, settled, waitUntil } from './support/airflow';
import { clientFor, triggerAndWait, useAirflow } from './support/profiles';
import { pick } from './support/quickInput';
import { pressKeys, screenshot, waitForSelector } from './support/screenshot';
import { dagNode } from './support/tree';
import { tracedRequests } from './support/outputLog';
import { getAttributesOfAll, inWebview } from './support/ui';

const DAG = 'vsc_groups';
const page = inWebview();

/** The tabs of run view panels, by label. */
function runViewTabs(): string[] {
  return vscode.window.tabGroups.all.flatMap((g) =>
    g.tabs
      .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('airflow.runView'))
      .map((t) => t.label),
  );
}

async function closeRunViews(): Promise<void> {
  for (const g of vscode.window.tabGroups.all)
    for (const t of g.tabs)
      if (t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('airflow.runView'))
        await vscode.window.tabGroups.close(t);
}

/** Opens (or focuses) the DAG's run view, on its Grid (the page keeps the tab it was left on). */
async function showRunView(): Promise<void> {
  await settled('airflow.openRunView', vscode.commands.executeCommand('airflow.openRunView', DAG));
  try {
    await page.waitFor('button[role="tab"]:has-text("Grid")', 'visible', 60_000);
    await page.click('button[role="tab"]:has-text("Grid")');
    await page.waitFor('table.grid', 'visible', 60_000);
  } catch (err) {
    // What the workbench holds instead: its webview frames, and the page's own words if it has any.
    const frames = await getAttributesOfAll('iframe', ['class', 'src']).catch((e: unknown) => String(e));
    const text = await page.text('body').catch((e: unknown) => String(e));
    await screenshot('run-view-no-grid');
    throw new Error(`${String(err)}\nframes: ${JSON.stringify(frames)}\npage text: ${text}`);
  }
}

const cellOf = (runId: string, taskId: string) =>
  `td.cell[data-run=${JSON.stringify(runId)}][data-task=${JSON.stringify(taskId)}]`;

/** A run listing of vsc_groups in the request trace (the output channel's log file). */
const RUN_LIST = new RegExp(` HTTP GET /api/v[12]/dags/${DAG}/dagRuns\\?`);

/** Worst first, as a group's cell shows it. */
const WORST = ['failed', 'upstream_failed', 'running', 'queued', 'success', 'skipped'];

for (const major of servedMajors()) {
  describe(`the run view against Airflow ${major}.x (real VS Code, real Airflow, ${DAG})`, function () {
    this.timeout(400_000);
    const af = airflow(major);
    let client: AirflowClient;
    let run: DagRun;
    let tis: TaskInstance[];

    before(async () => {
      const h = await hooks();
      // The settings guard puts this back after the suite.
      await vscode.workspace
        .getConfiguration('airflow')
        .update('autoRefreshSeconds', 2, vscode.ConfigurationTarget.Global);
      await useAirflow(h, af);
      client = await clientFor(af);
      run = await triggerAndWait(client, DAG, `run_view${major}`);
      tis = await client.listTaskInstances(DAG, run.runId);
      await closeRunViews();
    });

    after(closeRunViews);

    it("opens one panel per DAG, from the DAG's id (a lens) or its row; opening it again focuses it", async () => {
      await showRunView();
      // Another tab in front of it, then the command again, from the DAG's row this time.
      const other = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: 'other' }));
      assert.ok(!(vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputWebview));
      await settled(
        'airflow.openRunView from the DAG row',
        vscode.commands.executeCommand('airflow.openRunView', await dagNode(DAG)),
      );
      assert.deepStrictEqual(runViewTabs(), [`DAG ${DAG}`]);
      await waitUntil('the panel to be the active tab again', () =>
        vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputWebview ? true : undefined,
      );
      await vscode.window.showTextDocument(other.document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it("shows in the Grid each task's state as the server has it: a group its worst, a mapped task one row with its count", async () => {
      await showRunView();
      assert.strictEqual(run.state, 'failed', 'x_rows fails, so the run does');
      const column = `td.cell[data-run=${JSON.stringify(run.runId)}]`;
      await page.waitFor(column);
      const cells = new Map(
        (await page.attributesOfAll(column, ['data-task', 'data-state', 'aria-label'])).map(([task, state, label]) => [
          task ?? '',
          { state, label: label ?? '' },
        ]),
      );
      for (const taskId of new Set(tis.map((t) => t.taskId))) {
        const own = tis.filter((t) => t.taskId === taskId);
        const cell = cells.get(taskId);
        assert.ok(cell, `${taskId} has a cell in the run's column (cells: ${[...cells.keys()].join(', ')})`);
        if (own.length > 1 || own[0].mapIndex >= 0) {
          assert.match(cell.label, new RegExp(`, ${own.length} mapped$`), `${taskId}: its expansions`);
          const worst = WORST.find((s) => own.some((t) => t.state === s));
          assert.strictEqual(cell.state, worst, `${taskId}: the worst of its expansions`);
        } else assert.strictEqual(cell.state, own[0].state, `${taskId}: its state`);
      }
      assert.strictEqual(cells.get('transform')?.state, 'failed', 'the group holding x_rows');
      assert.strictEqual(cells.get('transform.checks')?.state, 'failed');
      assert.strictEqual(cells.get('extract')?.state, 'success');
      assert.match(
        (await page.attribute(column.replace('td.cell', 'th.run'), 'aria-label')) ?? '',
        /, failed, manual, /,
        "the run's header says its state and type",
      );
      // Groups close and open again all at once (a DAG of over 100 tasks opens with them closed).
      assert.strictEqual(await page.text('button.groups'), 'Collapse all groups');
      await page.click('button.groups');
      await page.waitFor(cellOf(run.runId, 'transform.checks.x_rows'), 'detached');
      assert.deepStrictEqual(
        (await page.attributesOfAll(column, ['data-task'])).map(([t]) => t),
        ['start', 'extract', 'transform', 'report'],
        'only the top-level rows, in run order',
      );
      assert.strictEqual(await page.text('button.groups'), 'Expand all groups');
      await page.click('button.groups');
      await page.waitFor(cellOf(run.runId, 'transform.checks.x_rows'));
    });

    it("shows in the Graph every task once with the server's edges, coloured by the run", async () => {
      await showRunView();
      // The run's column selects the run the Graph is coloured by.
      await page.click(cellOf(run.runId, 'start'));
      await page.click('button[role="tab"]:has-text("Graph")');
      try {
        await page.waitFor('svg.graph', 'visible', 60_000);
      } catch (err) {
        throw new Error(`${String(err)}\nthe page's status line: ${await page.text('p.status').catch(String)}`);
      }
      const tasks = await client.listTasks(DAG);
      const nodes = (await page.attributesOfAll('g.node.task', ['data-id'])).map(([id]) => id);
      assert.deepStrictEqual([...nodes].sort(), tasks.map((t) => t.taskId).sort(), 'every task once');
      const edges = (await page.attributesOfAll('polyline.edge', ['data-from', 'data-to'])).map(
        ([a, b]) => `${a}->${b}`,
      );
      assert.deepStrictEqual(
        [...new Set(edges)].sort(),
        tasks.flatMap((t) => t.downstreamTaskIds.map((d) => `${t.taskId}->${d}`)).sort(),
        "the server's dependencies",
      );
      assert.strictEqual(
        await page.attribute('g.node.task[data-id="transform.checks.x_rows"]', 'data-state'),
        'failed',
      );
      assert.strictEqual(await page.attribute('g.node.task[data-id="start"]', 'data-state'), 'success');
      await screenshot(`run-view-graph-${major}`);
    });

    it("shows in the Gantt the run's task instances in start order", async () => {
      await showRunView();
      await page.click('button[role="tab"]:has-text("Gantt")');
      await page.waitFor('.gantt-row');
      const starts = (await page.attributesOfAll('.gantt-row', ['data-start'])).map(([s]) => s ?? '');
      const started = tis.filter((t) => t.startDate).length;
      assert.strictEqual(starts.filter(Boolean).length, started, 'a bar for each task instance that started');
      const times = starts.filter(Boolean).map((s) => Date.parse(s));
      assert.deepStrictEqual(
        times,
        [...times].sort((a, b) => a - b),
        'in start order',
      );
    });

    it('a click on the failed cell shows its details; Enter on it, or "Open Log" in the details, opens its log tab', async () => {
      const logTab = () =>
        waitUntil('the log tab of x_rows', () =>
          vscode.window.tabGroups.all
            .flatMap((g) => g.tabs)
            .find((t) => /^transform\.checks\.x_rows try 1 · .*\.log$/.test(t.label)),
        );
      await showRunView();
      // Arrows move between cells (up to a_publish's row and back), Enter opens the log.
      await page.click(cellOf(run.runId, 'transform.checks.x_rows'));
      await page.waitFor('section.details[data-state="failed"]');
      assert.match(await page.text('section.details'), /x_rows/);
      await pressKeys('ArrowDown', 'ArrowUp', 'Enter');
      await vscode.window.tabGroups.close(await logTab());

      await showRunView();
      await page.waitFor('section.details[data-state="failed"]');
      await page.click('section.details button:has-text("Open Log")');
      await vscode.window.tabGroups.close(await logTab());
    });

    it('"Clear…" in the details strip clears the task on the server; the Grid follows the rerun by itself', async () => {
      await showRunView();
      // The selection is kept by the page across its panel being hidden and shown again.
      await page.click(cellOf(run.runId, 'transform.checks.x_rows'));
      await page.waitFor('section.details[data-state="failed"]');
      await page.click('section.details button:has-text("Clear…")');
      // The command's own options (Downstream ticked), then its confirmation.
      await waitForSelector('.quick-input-widget .monaco-list-row:has-text("Downstream")');
      await pressKeys('Enter');
      await pick('Cancel', 'Clear ');
      const header = `th.run[data-run=${JSON.stringify(run.runId)}]`;
      // Read from the page alone: the run going again after the clear, then failing again (x_rows
      // always fails), which only the panel's own refresh can show: nothing else asks it to redraw.
      const again = await waitUntil(
        'the run to show as not finished in the Grid after the clear',
        async () => {
          const state = await page.attribute(header, 'data-state');
          return state && !FINAL_RUN_STATES.has(state as DagRun['state']) ? state : undefined;
        },
        60_000,
      );
      assert.ok(['queued', 'running'].includes(again), again);
      await waitUntil(
        'the run to show as failed again in the Grid',
        async () => (await page.attribute(header, 'data-state')) === 'failed' || undefined,
        240_000,
      );
      const [ti] = (await client.listTaskInstances(DAG, run.runId)).filter(
        (t) => t.taskId === 'transform.checks.x_rows',
      );
      assert.strictEqual(ti.tryNumber, 2, 'x_rows ran a second try on the server');
      assert.strictEqual(await page.attribute(cellOf(run.runId, 'transform.checks.x_rows'), 'data-state'), 'failed');
    });

    if (major === 3)
      it('refreshes while its tab is visible and asks the server nothing while another tab hides it', async () => {
        const config = vscode.workspace.getConfiguration('airflow');
        await config.update('traceRequests', true, vscode.ConfigurationTarget.Global);
        // The tree asks about vsc_groups only for an expanded row: none is.
        await vscode.commands.executeCommand('workbench.view.extension.airflow');
        await vscode.commands.executeCommand('workbench.actions.treeView.airflow.explorer.collapseAll');
        const runListings = async () => (await tracedRequests()).filter((l) => RUN_LIST.test(l)).length;
        try {
          await showRunView();
          const start = await runListings();
          await waitUntil('the visible panel to list the runs again (its refresh)', async () =>
            (await runListings()) >= start + 2 ? true : undefined,
          );
          const other = await vscode.window.showTextDocument(
            await vscode.workspace.openTextDocument({ content: 'in front of the run view' }),
          );
          // A request that was under way when the tab was hidden is written within an interval or two.
          await new Promise((r) => setTimeout(r, 5_000));
          const hidden = await runListings();
          // Not a wait for a state: an observation window of four intervals in which nothing may be asked.
          await new Promise((r) => setTimeout(r, 8_000));
          assert.strictEqual(await runListings(), hidden, 'no run listing while the panel is hidden');
          await vscode.window.showTextDocument(other.document);
          await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
          await showRunView();
          await waitUntil('the panel, shown again, to refresh again', async () =>
            (await runListings()) > hidden ? true : undefined,
          );
        } finally {
          await config.update('traceRequests', undefined, vscode.ConfigurationTarget.Global);
        }
      });

    if (major === 3)
      it('is drawn in the theme: dark, light and high contrast (screenshots)', async () => {
        await showRunView();
        await page.click(cellOf(run.runId, 'transform.checks.x_rows'));
        const config = vscode.workspace.getConfiguration('workbench');
        const colours: Record<string, string> = {};
        try {
          for (const [theme, name, base] of [
            ['Default Dark Modern', 'dark', 'vs-dark'],
            ['Default Light Modern', 'light', 'vs'],
            ['Default High Contrast', 'high-contrast', 'hc-black'],
          ] as const) {
            await config.update('colorTheme', theme, vscode.ConfigurationTarget.Global);
            await waitForSelector(`.monaco-workbench.${base}`);
            await page.waitFor(`body.vscode-${name}`);
            colours[name] = await page.style('body', 'background-color');
            await screenshot(`run-view-grid-${name}`);
          }
        } finally {
          await config.update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
        }
        assert.strictEqual(new Set(Object.values(colours)).size, 3, `three backgrounds: ${JSON.stringify(colours)}`);
      });
  });
}
