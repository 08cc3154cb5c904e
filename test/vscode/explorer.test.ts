import * as assert from 'assert';
import * as vscode from 'vscode';
import { FINAL_RUN_STATES } from '../../src/airflow';
import type { Node } from '../../src/views/explorer/nodes';
import { airflow, hooks, servedMajors, waitUntil } from './support/airflow';
import { clientFor, triggerAndWait, useAirflow } from './support/profiles';
import { click, countElements, screenshot, waitForSelector } from './support/screenshot';
import { children, dagNode, expand, row, waitForRunRow } from './support/tree';
import { listsTaskTries } from '../support/versions';
import { TEST_DAG_IDS } from '../support/airflowServers';

/** The generated DAGs each test server also holds (scripts/airflow/fleet.mjs): ids "vsc_zz…", sorted after the test DAGs. */
const FLEET_DAGS = 302;
const dagIdsOf = (nodes: Node[]) => nodes.flatMap((n) => (n.kind === 'dag' ? [n.dag.dagId] : []));

/** The root's first page of a deployment of 310: the test DAGs first, then the fleet up to 100, then "Load more". */
function assertFirstPage(nodes: Node[]): void {
  const ids = dagIdsOf(nodes);
  assert.deepStrictEqual(
    ids.filter((id) => !id.startsWith('vsc_zz')),
    TEST_DAG_IDS,
    'the test DAGs, first',
  );
  assert.strictEqual(ids.length, 100, 'one page of DAGs');
  const more = nodes.find((n) => n.kind === 'loadMore');
  assert.ok(
    more && more.kind === 'loadMore' && more.total === TEST_DAG_IDS.length + FLEET_DAGS,
    `"Load more" of ${TEST_DAG_IDS.length + FLEET_DAGS} DAGs`,
  );
}

for (const major of servedMajors()) {
  describe(`explorer against Airflow ${major}.x (real VS Code, real Airflow)`, function () {
    this.timeout(400_000);
    const af = airflow(major);

    before(async () => {
      const h = await hooks();
      await vscode.workspace
        .getConfiguration('airflow')
        .update('autoRefreshSeconds', 2, vscode.ConfigurationTarget.Global);
      await useAirflow(h, af);
      await h.filters.setFilter({});
      await vscode.commands.executeCommand('workbench.view.extension.airflow');
    });

    it('lists the test DAGs, with the broken file under import errors', async () => {
      const nodes = await children();
      assertFirstPage(nodes);
      const errors = nodes[0];
      assert.strictEqual(errors.kind, 'importErrors', 'import errors come first');
      const files = await children(errors);
      const broken = files.find((n) => n.kind === 'importError' && n.error.filename.endsWith('broken_dag.py'));
      assert.ok(broken, 'broken_dag.py listed');
      await waitForSelector(row('failed to import'));
      await vscode.commands.executeCommand('airflow.openImportError', broken);
      const editor = await waitUntil('the import error editor', () => vscode.window.activeTextEditor);
      assert.match(editor.document.getText(), /this_module_does_not_exist/);
      assert.strictEqual(editor.document.uri.scheme, 'airflow-text', 'read-only document');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    it('shows a triggered run under its DAG, turning to success by itself', async () => {
      const client = await clientFor(af);
      const runId = `vsc_tree__${new Date().toISOString()}`;
      const dag = await dagNode('vsc_marker');
      await expand(dag);
      await client.trigger('vsc_marker', { runId });
      await waitForRunRow('vsc_marker', runId);
      // No refresh from here on: the tree must follow the run by itself.
      await waitUntil(
        'the run row to show success',
        async () => (await countElements(`${row(runId)} .codicon-pass-filled`)) === 1,
        300_000,
      );
      const run = await client.getDagRun('vsc_marker', runId);
      assert.ok(FINAL_RUN_STATES.has(run.state));
      await screenshot(`explorer-run-success-${major}`);
    });

    it('notifies when a watched run fails, and "Go to Log" opens the failed task\'s latest try', async () => {
      const client = await clientFor(af);
      const runId = `vsc_watch__${new Date().toISOString()}`;
      const dag = await dagNode('vsc_retry_fail');
      await expand(dag);
      await client.trigger('vsc_retry_fail', { runId });
      await waitForRunRow('vsc_retry_fail', runId);
      const toast = `.notification-toast:has-text(${JSON.stringify(runId)})`;
      await waitForSelector(`${toast}:has-text("failed")`, 'visible', 240_000);
      await screenshot(`explorer-run-failed-notification-${major}`);
      await click(`${toast} .monaco-button:has-text("Go to Log")`);
      const editor = await waitUntil(
        "the failed task's log",
        () => {
          const e = vscode.window.activeTextEditor;
          return e?.document.uri.scheme === 'airflow-log' && e.document.getText().includes('VSC_ATTEMPT try=2')
            ? e
            : undefined;
        },
        60_000,
      );
      assert.ok(!editor.document.getText().includes('VSC_ATTEMPT try=1'), 'the latest try, not the first');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    it("groups a mapped task's expansions and shows a retried task's tries", async () => {
      const client = await clientFor(af);
      const [mappedRun, retryRun] = [
        await triggerAndWait(client, 'vsc_mapped', 'tree_mapped'),
        await triggerAndWait(client, 'vsc_retry_fail', 'tree_retry'),
      ];
      const h = await hooks();
      h.explorer.refresh();
      const runs = await children(await dagNode('vsc_mapped'));
      const runNode = runs.find((n) => n.kind === 'run' && n.run.runId === mappedRun.runId)!;
      const tasks = await children(runNode);
      assert.deepStrictEqual(
        tasks.map((t) =>
          t.kind === 'mapped' ? `${t.taskId}[${t.tis.length}]` : t.kind === 'task' ? t.ti.taskId : t.kind,
        ),
        ['make_items', 'process[4]', 'summarize'],
        'upstream first',
      );
      const expansions = await children(tasks[1]);
      assert.deepStrictEqual(
        expansions.map((e) => (e.kind === 'task' ? e.ti.renderedMapIndex : '?')),
        ['item-a', 'item-b', 'item-c', 'item-d'],
      );
      await expand(runNode);
      await expand(tasks[1]);
      await waitForSelector(row('process [4 mapped]'));
      await waitForSelector(row('item-c'));
      await screenshot(`explorer-mapped-${major}`);

      const retryRuns = await children(await dagNode('vsc_retry_fail'));
      const retryNode = retryRuns.find((n) => n.kind === 'run' && n.run.runId === retryRun.runId)!;
      const [flaky] = await children(retryNode);
      assert.ok(flaky.kind === 'task' && flaky.ti.tryNumber === 2, 'flaky shows try 2');
      const tries = await children(flaky);
      assert.strictEqual(
        client.features.taskTries,
        listsTaskTries(af.version),
        `the client knows whether Airflow ${af.version} lists tries`,
      );
      if (listsTaskTries(af.version)) {
        assert.deepStrictEqual(
          tries.map((t) => (t.kind === 'try' ? t.ti.tryNumber : 0)),
          [2, 1],
          'newest try first',
        );
      } else {
        // Airflow 2.9 cannot list tries: one line under the task says so, naming the version.
        assert.deepStrictEqual(
          tries.map((t) => (t.kind === 'message' ? t.text : t.kind)),
          [
            `Airflow ${af.version} cannot list the tries of a task: its REST API has that from Airflow 2.10 on. Open Log of Try… opens any try by its number.`,
          ],
        );
        await expand(retryNode);
        await expand(flaky);
        await waitForSelector(row(`Airflow ${af.version} cannot list the tries of a task`));
        await screenshot(`explorer-tries-unsupported-${af.version}`);
      }
    });

    it('filters by text and by tag on the server, and clears', async () => {
      const h = await hooks();
      await h.filters.setFilter({ text: 'mark' });
      assert.deepStrictEqual(
        (await children()).filter((n) => n.kind === 'dag').map((n) => (n as Extract<Node, { kind: 'dag' }>).dag.dagId),
        ['vsc_marker'],
      );
      await waitUntil('the view description shows the filter', () => h.treeView.description?.includes('"mark"'));
      await h.filters.setFilter({ tags: ['slow'] });
      assert.deepStrictEqual(
        (await children()).filter((n) => n.kind === 'dag').map((n) => (n as Extract<Node, { kind: 'dag' }>).dag.dagId),
        ['vsc_long'],
      );
      await vscode.commands.executeCommand('airflow.clearFilter');
      assertFirstPage(await children());
    });

    it('"Load more" loads the next page of runs', async () => {
      const h = await hooks();
      await vscode.workspace.getConfiguration('airflow').update('runsPerPage', 1, vscode.ConfigurationTarget.Global);
      try {
        const client = await clientFor(af);
        if ((await client.listDagRuns('vsc_marker', {}, { limit: 1 })).total < 2)
          await client.trigger('vsc_marker', { runId: `vsc_more__${Date.now()}` });
        h.explorer.refresh();
        const dag = await dagNode('vsc_marker');
        const first = await children(dag);
        assert.strictEqual(first.filter((n) => n.kind === 'run').length, 1);
        const more = first.find((n) => n.kind === 'loadMore');
        assert.ok(more && more.kind === 'loadMore' && more.total >= 2, 'a Load more item');
        await vscode.commands.executeCommand('airflow.loadMore', more);
        const second = await children(dag);
        assert.strictEqual(second.filter((n) => n.kind === 'run').length, 2);
      } finally {
        await vscode.workspace
          .getConfiguration('airflow')
          .update('runsPerPage', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  });
}

describe('explorer screenshots in a dark and a light theme', function () {
  this.timeout(120_000);

  it('shows DAG states, an expanded run with a mapped task, and import errors', async () => {
    const h = await hooks();
    // The newest generation served (3.x in npm test's first group; the one version in a compat run).
    const af = airflow(servedMajors().at(-1)!);
    await useAirflow(h, af);
    await h.filters.setFilter({});
    const nodes = await children();
    const errors = nodes.find((n) => n.kind === 'importErrors')!;
    await expand(errors);
    const mapped = await dagNode('vsc_mapped');
    await expand(mapped);
    const run = (await children(mapped)).find((n) => n.kind === 'run' && n.run.state === 'success')!;
    await expand(run);
    const group = (await children(run)).find((n) => n.kind === 'mapped')!;
    await expand(group);
    await waitForSelector(row('process [4 mapped]'));
    const config = vscode.workspace.getConfiguration('workbench');
    try {
      for (const [theme, name] of [
        ['Default Dark Modern', 'dark'],
        ['Default Light Modern', 'light'],
      ] as const) {
        await config.update('colorTheme', theme, vscode.ConfigurationTarget.Global);
        // The workbench marks its root with the theme's base class once the theme is applied.
        await waitForSelector(`.monaco-workbench.${name === 'dark' ? 'vs-dark' : 'vs'}`);
        const png = await screenshot(`explorer-${name}`);
        assert.ok(png.endsWith(`explorer-${name}.png`));
      }
    } finally {
      await config.update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
