import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DagRun } from '../../src/airflow';
import type { Node } from '../../src/views/explorer/nodes';
import { airflow, hooks, settled, waitUntil } from './support/airflow';
import { clientFor, triggerAndWait, useAirflow } from './support/profiles';
import { countElements, screenshot, waitForSelector } from './support/screenshot';
import { children, dagNode, expand } from './support/tree';

/** What a row shows: its label, and for a group its rows in brackets. */
async function shape(nodes: Node[]): Promise<string> {
  const h = await hooks();
  const parts: string[] = [];
  for (const n of nodes) {
    const label = String(h.explorer.getTreeItem(n).label);
    parts.push(n.kind === 'group' ? `${label}(${await shape(await children(n))})` : label);
  }
  return parts.join(', ');
}

/** The row of the Airflow view at tree depth `level` (1 = DAG) that shows `text`. */
const rowAt = (level: number, text: string) =>
  `.part.sidebar .monaco-list-row[aria-level="${level}"]:has-text(${JSON.stringify(text)})`;

for (const major of [2, 3] as const) {
  describe(`task groups against Airflow ${major}.x (real VS Code, real Airflow, vsc_groups)`, function () {
    this.timeout(400_000);
    const af = airflow(major);
    let runs: DagRun[];

    before(async () => {
      const h = await hooks();
      await useAirflow(h, af);
      await h.filters.setFilter({});
      await vscode.commands.executeCommand('workbench.view.extension.airflow');
      const client = await clientFor(af);
      runs = await Promise.all([
        triggerAndWait(client, 'vsc_groups', 'groups_a'),
        triggerAndWait(client, 'vsc_groups', 'groups_b'),
      ]);
    });

    it("shows a run's tasks in collapsible groups, nested, in run order, each group with its combined state", async () => {
      const h = await hooks();
      h.explorer.refresh();
      const dag = await dagNode('vsc_groups');
      const runNodes = await children(dag);
      const runNode = runNodes.find((n) => n.kind === 'run' && n.run.runId === runs[0].runId)!;
      assert.ok(runNode, 'the first run is listed');
      const rows = await children(runNode);
      // Ids sort the other way at every level (a_parse < z_fetch, a_publish < b_clean, report < start).
      assert.strictEqual(
        await shape(rows),
        'start, extract(z_fetch, a_parse [2 mapped]), transform(b_clean, checks(x_rows, y_schema), a_publish), report',
      );
      const [, extract, transform] = rows;
      assert.ok(extract.kind === 'group' && transform.kind === 'group');
      const item = (n: Node) => h.explorer.getTreeItem(n);
      assert.strictEqual(
        item(transform).collapsibleState,
        vscode.TreeItemCollapsibleState.Collapsed,
        'a group is collapsible and starts collapsed',
      );
      assert.strictEqual(
        (item(transform).iconPath as vscode.ThemeIcon).id,
        'error',
        'transform holds the failed task: it shows failed',
      );
      assert.strictEqual((item(extract).iconPath as vscode.ThemeIcon).id, 'pass-filled', 'extract succeeded');
      assert.match(
        String(item(transform).description),
        /^1 failed, 1 upstream failed, 2 success$/,
        'the counts of its tasks, worst first',
      );
      const checks = (await children(transform))[1];
      assert.ok(checks.kind === 'group' && checks.groupId === 'transform.checks');
      assert.strictEqual((item(checks).iconPath as vscode.ThemeIcon).id, 'error');

      // The same in the real tree: rows one level deeper per group, with the failed icon on the groups.
      await expand(runNode);
      await expand(transform);
      await expand(checks);
      await expand(extract);
      await waitForSelector(rowAt(5, 'x_rows'));
      assert.strictEqual(
        await countElements(`${rowAt(3, 'transform')} .custom-view-tree-node-item-icon.codicon-error`),
        1,
        'the transform row shows failed',
      );
      assert.strictEqual(
        await countElements(`${rowAt(4, 'checks')} .custom-view-tree-node-item-icon.codicon-error`),
        1,
        'the checks row, inside transform, shows failed',
      );
      assert.strictEqual(
        await countElements(`${rowAt(3, 'extract')} .custom-view-tree-node-item-icon.codicon-pass-filled`),
        1,
      );
      assert.strictEqual(
        await countElements(rowAt(4, 'a_parse [2 mapped]')),
        1,
        'the mapped task keeps its expansions together inside its group',
      );
      await screenshot(`groups-nested-${major}`);
    });

    it('commands on a task inside a nested group work as on any task', async () => {
      const dag = await dagNode('vsc_groups');
      const runNode = (await children(dag)).find((n) => n.kind === 'run' && n.run.runId === runs[0].runId)!;
      const transform = (await children(runNode)).find((n) => n.kind === 'group' && n.groupId === 'transform')!;
      const checks = (await children(transform)).find((n) => n.kind === 'group')!;
      const xRows = (await children(checks)).find(
        (n) => n.kind === 'task' && n.ti.taskId === 'transform.checks.x_rows',
      )!;
      assert.ok(xRows, 'x_rows is under transform > checks');
      const h = await hooks();
      assert.match(
        String(h.explorer.getTreeItem(xRows).contextValue),
        /^airflow\.taskInstance failed\b/,
        "its menus are a task instance's",
      );
      assert.strictEqual(await vscode.commands.executeCommand('airflow.copyId', xRows), 'transform.checks.x_rows');
      await settled('Open Log', vscode.commands.executeCommand('airflow.openLog', xRows));
      const editor = await waitUntil(
        "x_rows's log",
        () => {
          const e = vscode.window.activeTextEditor;
          return e?.document.uri.scheme === 'airflow-log' &&
            e.document.getText().includes('deliberate failure in transform.checks.x_rows')
            ? e
            : undefined;
        },
        60_000,
      );
      assert.ok(editor);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    it("expanding another run of the same DAG version asks nothing more about the DAG's structure", async () => {
      const h = await hooks();
      h.explorer.refresh();
      // Counted from the moment the refresh emptied the cache: the tree may reload the expanded first run by itself.
      const before = h.explorer.structures.fetches;
      const dag = await dagNode('vsc_groups');
      const runNodes = await children(dag);
      const [a, b] = runs.map((r) => runNodes.find((n) => n.kind === 'run' && n.run.runId === r.runId)!);
      await children(a);
      assert.strictEqual(h.explorer.structures.fetches, before + 1, 'the first run reads the structure once');
      await expand(b);
      const rowsB = await children(b);
      assert.strictEqual(
        await shape(rowsB.filter((n) => n.kind === 'group').slice(0, 1)),
        'extract(z_fetch, a_parse [2 mapped])',
      );
      await waitForSelector(rowAt(3, 'transform'));
      assert.strictEqual(h.explorer.structures.fetches, before + 1, 'the second run of the same version reuses it');
    });
  });
}
