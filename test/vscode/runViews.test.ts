// The run view (issue 25) in the real VS Code against real Airflow 2.x and 3.x: the panel opens once per
// DAG, and what it shows (Grid, Graph, Gantt) agrees with the server's task instances and structure.
// Written without ever being run (see RUNVIEWS-STATUS.md); the page's DOM is not read yet: the outer
// runner's UI actions do not reach into a webview's frame.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DagRun } from '../../src/airflow';
import { ganttModel } from '../../src/runViews/ganttModel';
import { graphModel } from '../../src/runViews/graphModel';
import { gridModel, type GridRow } from '../../src/runViews/gridModel';
import { loadRunView } from '../../src/runViews/runViewData';
import { dagStructure } from '../../src/views/explorer/taskGroups';
import { airflow, hooks, servedMajors, settled, waitUntil } from './support/airflow';
import { clientFor, triggerAndWait, useAirflow } from './support/profiles';

/** The tabs of run view panels, by label. */
function runViewTabs(): string[] {
  return vscode.window.tabGroups.all.flatMap((g) =>
    g.tabs
      .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('airflow.runView'))
      .map((t) => t.label),
  );
}

function* rowsOf(rows: GridRow[]): Generator<GridRow> {
  for (const r of rows) {
    yield r;
    yield* rowsOf(r.children);
  }
}

for (const major of servedMajors()) {
  describe(`the run view against Airflow ${major}.x (real VS Code, real Airflow, vsc_groups)`, function () {
    this.timeout(400_000);
    const af = airflow(major);
    let run: DagRun;

    before(async () => {
      const h = await hooks();
      await useAirflow(h, af);
      run = await triggerAndWait(await clientFor(af), 'vsc_groups', 'run_view');
    });

    after(async () => {
      for (const g of vscode.window.tabGroups.all)
        for (const t of g.tabs)
          if (t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('airflow.runView'))
            await vscode.window.tabGroups.close(t);
    });

    it('opens one panel per DAG; opening it again focuses it', async () => {
      await settled('airflow.openRunView', vscode.commands.executeCommand('airflow.openRunView', 'vsc_groups'));
      await waitUntil('the run view tab', () => runViewTabs().includes('DAG vsc_groups'), 20_000);
      await settled('airflow.openRunView again', vscode.commands.executeCommand('airflow.openRunView', 'vsc_groups'));
      assert.deepStrictEqual(runViewTabs(), ['DAG vsc_groups']);
    });

    it("shows in the Grid each task's state as the server has it: the group worst, the mapped task one row with its count", async () => {
      const client = await clientFor(af);
      const data = await loadRunView(client, 'vsc_groups', 25);
      const grid = gridModel('vsc_groups', data.runs, data.tis, dagStructure(data.tasks));
      const column = grid.columns.findIndex((c) => c.runId === run.runId);
      assert.ok(column >= 0, 'the run is a column');
      const tis = await client.listTaskInstances('vsc_groups', run.runId);
      for (const row of rowsOf(grid.rows)) {
        const cell = row.cells[column];
        if (row.kind === 'group') continue;
        const own = tis.filter((t) => t.taskId === row.id);
        assert.ok(cell, `${row.id} has a cell`);
        if (row.mapped) assert.strictEqual(cell.count, own.length, `${row.id}: its expansions`);
        else assert.strictEqual(cell.state, own[0].state, `${row.id}: its state`);
      }
      const groups = new Map(
        [...rowsOf(grid.rows)].filter((r) => r.kind === 'group').map((r) => [r.id, r.cells[column]?.state]),
      );
      assert.strictEqual(groups.get('transform'), 'failed');
      assert.strictEqual(groups.get('transform.checks'), 'failed');
      assert.strictEqual(groups.get('extract'), 'success');
    });

    it("shows in the Graph every task once with the server's edges, and the Gantt's bars in start order", async () => {
      const client = await clientFor(af);
      const tasks = await client.listTasks('vsc_groups');
      const tis = await client.listTaskInstances('vsc_groups', run.runId);
      const graph = graphModel(tasks, tis, run.runId);
      const taskNodes = graph.nodes.filter((n) => n.kind === 'task').map((n) => n.id);
      assert.deepStrictEqual([...taskNodes].sort(), tasks.map((t) => t.taskId).sort());
      const edges = tasks.flatMap((t) => t.downstreamTaskIds.map((d) => `t:${t.taskId}->t:${d}`)).sort();
      assert.deepStrictEqual(graph.edges.map((e) => `${e.from}->${e.to}`).sort(), edges);
      const starts = ganttModel(run.runId, tis)
        .bars.map((b) => b.startDate)
        .filter((s): s is string => !!s)
        .map((s) => Date.parse(s));
      assert.ok(starts.length > 0);
      assert.deepStrictEqual(
        starts,
        [...starts].sort((a, b) => a - b),
      );
    });
  });
}
