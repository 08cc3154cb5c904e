// Controlling Airflow from the tree, through the commands as a user runs them, against real Airflow 2.x and 3.x.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { NotFoundError, type AirflowClient, type DagRun } from '../../src/airflow';
import type { Node } from '../../src/views/explorer/nodes';
import { airflow, hooks, settled, waitUntil } from './support/airflow';
import { clientFor, triggerAndWait, useAirflow } from './support/profiles';
import { pick } from './support/quickInput';
import { click, countElements, pressKeys, screenshot, uiAvailable, waitForSelector } from './support/screenshot';
import { children, dagNode, expand, row } from './support/tree';

const MENU = '.context-view .monaco-menu';

/** The labels of the context menu a right click on `rowSelector` opens, with a screenshot of it. */
async function contextMenu(rowSelector: string, shot: string): Promise<string[]> {
  await click(rowSelector, 'right');
  await waitForSelector(`${MENU} .action-label`);
  await screenshot(shot);
  const labels: string[] = [];
  for (const label of [
    'Pause DAG',
    'Unpause DAG',
    'Open DAG Source',
    'Clear Run…',
    'Mark Run as Success…',
    'Mark Run as Failed…',
    'Delete Run…',
    'Clear Task…',
    'Mark Task as Success…',
    'Mark Task as Failed…',
    'Mark Task as Skipped…',
    'Open in Airflow Web UI',
    'Copy Id',
  ]) {
    if ((await countElements(`${MENU} .action-label:text-is(${JSON.stringify(label)})`)) > 0) labels.push(label);
  }
  await pressKeys('Escape');
  await waitForSelector(MENU, 'hidden');
  return labels;
}

async function runNode(dagId: string, runId: string): Promise<Extract<Node, { kind: 'run' }>> {
  const dag = await dagNode(dagId);
  await expand(dag);
  return waitUntil(`run ${runId} under ${dagId} in the tree`, async () => {
    (await hooks()).explorer.refreshNode(dag);
    return (await children(dag)).find(
      (n): n is Extract<Node, { kind: 'run' }> => n.kind === 'run' && n.run.runId === runId,
    );
  });
}

async function taskNode(run: Extract<Node, { kind: 'run' }>, taskId: string): Promise<Extract<Node, { kind: 'task' }>> {
  await expand(run);
  const found = (await children(run)).find(
    (n): n is Extract<Node, { kind: 'task' }> => n.kind === 'task' && n.ti.taskId === taskId,
  );
  assert.ok(found, `task ${taskId} under ${run.run.runId}`);
  return found;
}

for (const major of [2, 3] as const) {
  describe(`actions on Airflow ${major}.x (real VS Code, real Airflow)`, function () {
    this.timeout(400_000);
    const af = airflow(major);
    let client: AirflowClient;
    let doneRun: DagRun;

    before(async () => {
      const h = await hooks();
      await useAirflow(h, af);
      await h.filters.setFilter({});
      await vscode.commands.executeCommand('workbench.view.extension.airflow');
      client = await clientFor(af);
      doneRun = await triggerAndWait(client, 'vsc_marker', `actions${major}`);
    });

    after(async () => {
      // Leave the DAGs as the other suites expect them.
      await Promise.all(['vsc_marker', 'vsc_mapped'].map((id) => client.setPaused(id, false)));
    });

    it('pauses and unpauses a multi-selection of DAGs; the rows change at once', async () => {
      const marker = await dagNode('vsc_marker');
      const mapped = await dagNode('vsc_mapped');
      const paused = await settled(
        'Pause DAG on two rows',
        vscode.commands.executeCommand<unknown[]>('airflow.pauseDag', marker, [marker, mapped]),
      );
      assert.strictEqual(paused?.length, 2);
      for (const id of ['vsc_marker', 'vsc_mapped'])
        assert.strictEqual((await client.dagDetails(id)).isPaused, true, `${id} paused on the server`);
      await waitForSelector(`${row('vsc_marker')}:has-text("paused")`);
      await waitForSelector(`${row('vsc_mapped')}:has-text("paused")`);
      if (uiAvailable())
        assert.deepStrictEqual(
          (await contextMenu(row('vsc_marker'), `menu-dag-paused-${major}`)).filter((l) => l.includes('ause')),
          ['Unpause DAG'],
        );

      await settled(
        'Unpause DAG on two rows',
        vscode.commands.executeCommand('airflow.unpauseDag', marker, [marker, mapped]),
      );
      for (const id of ['vsc_marker', 'vsc_mapped'])
        assert.strictEqual((await client.dagDetails(id)).isPaused, false, `${id} active on the server`);
      await waitUntil(
        'the rows to drop "paused"',
        async () => (await countElements(`${row('vsc_marker')}:has-text("paused")`)) === 0,
      );
      if (uiAvailable()) {
        const menu = await contextMenu(row('vsc_marker'), `menu-dag-${major}`);
        assert.ok(
          menu.includes('Pause DAG') && !menu.includes('Unpause DAG'),
          `an active DAG offers Pause only: ${menu.join(', ')}`,
        );
        assert.ok(menu.includes('Open DAG Source') && menu.includes('Copy Id'), menu.join(', '));
      }
    });

    it('marks a task failed, then clears it and it runs again', async () => {
      const run = await runNode('vsc_marker', doneRun.runId);
      const task = await taskNode(run, 'say_marker');
      assert.strictEqual(task.ti.state, 'success');
      const marking = vscode.commands.executeCommand('airflow.markTaskFailed', task);
      await pick('Cancel', 'Mark failed');
      await settled('"Mark Task as Failed" to finish after confirming', marking);
      const [failed] = await client.listTaskInstances('vsc_marker', doneRun.runId);
      assert.strictEqual(failed.state, 'failed');

      const failedRow = await waitUntil('the task row to show failed', async () => {
        const t = await taskNode(await runNode('vsc_marker', doneRun.runId), 'say_marker');
        return t.ti.state === 'failed' ? t : undefined;
      });
      if (uiAvailable()) {
        await waitForSelector(`${row('say_marker')}:has-text("failed")`);
        const menu = await contextMenu(`${row('say_marker')}:has-text("failed")`, `menu-failed-task-${major}`);
        assert.ok(menu.includes('Clear Task…') && menu.includes('Mark Task as Success…'), menu.join(', '));
        assert.ok(!menu.includes('Mark Task as Failed…'), `a failed task offers no "Mark Failed": ${menu.join(', ')}`);
      }

      const clearing = vscode.commands.executeCommand('airflow.clearTask', failedRow);
      await waitForSelector('.quick-input-widget:visible:has-text("Downstream")');
      await pressKeys('Enter'); // the default options
      await pick('Cancel', 'Clear 1 task instance');
      await settled('"Clear Task" to finish after confirming', clearing);
      const again = await waitUntil(
        'the cleared task to run again and succeed',
        async () => {
          const [ti] = await client.listTaskInstances('vsc_marker', doneRun.runId);
          return ti.tryNumber >= 2 && ti.state === 'success' ? ti : undefined;
        },
        240_000,
      );
      assert.strictEqual(again.tryNumber, 2);
    });

    it('marks a running run failed, then deletes it', async () => {
      const runId = `vsc_mark__${Date.now()}`;
      await client.trigger('vsc_long', { runId });
      const run = await runNode('vsc_long', runId);
      if (uiAvailable()) {
        await waitForSelector(row(runId));
        const menu = await contextMenu(row(runId), `menu-run-${major}`);
        assert.ok(menu.includes('Mark Run as Failed…') && menu.includes('Delete Run…'), menu.join(', '));
        assert.ok(!menu.includes('Clear Run…'), `a run still going offers no "Clear": ${menu.join(', ')}`);
      }
      const marking = vscode.commands.executeCommand('airflow.markRunFailed', run);
      await pick('Cancel', `Mark ${runId} failed`);
      await settled('"Mark Run as Failed" to finish after confirming', marking);
      assert.strictEqual((await client.getDagRun('vsc_long', runId)).state, 'failed');

      const deleting = vscode.commands.executeCommand('airflow.deleteRun', run);
      await pick('Cancel', `Delete ${runId}`);
      await settled('"Delete Run" to finish after confirming', deleting);
      await assert.rejects(client.getDagRun('vsc_long', runId), NotFoundError);
      await waitUntil(
        'the deleted run to leave the tree',
        async () => (await countElements(row(runId))) === 0 || undefined,
      );
    });

    it('cancelling a confirmation changes nothing', async () => {
      const run = await runNode('vsc_marker', doneRun.runId);
      const deleting = vscode.commands.executeCommand('airflow.deleteRun', run);
      await pick('Cancel', 'Cancel');
      assert.strictEqual(await settled('"Delete Run" to finish after Cancel', deleting), false);
      assert.strictEqual(
        (await client.getDagRun('vsc_marker', doneRun.runId)).runId,
        doneRun.runId,
        'the run is still there',
      );
    });

    it('opens the DAG source read-only, as Python', async () => {
      const uri = await settled(
        'Open DAG Source',
        vscode.commands.executeCommand<vscode.Uri>('airflow.openDagSource', await dagNode('vsc_marker')),
      );
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.strictEqual(doc.languageId, 'python');
      assert.strictEqual(uri.scheme, 'airflow-text', 'read-only document');
      assert.match(doc.getText(), /dag_id="vsc_marker"/);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    it(`builds Airflow ${major}'s web UI address for a DAG, a run and a task, and copies ids`, async () => {
      const run = await runNode('vsc_marker', doneRun.runId);
      const task = await taskNode(run, 'say_marker');
      const enc = encodeURIComponent;
      const expected =
        major === 2
          ? [
              `${af.url}/dags/vsc_marker`,
              `${af.url}/dags/vsc_marker/grid?dag_run_id=${enc(doneRun.runId)}`,
              `${af.url}/dags/vsc_marker/grid?dag_run_id=${enc(doneRun.runId)}&task_id=say_marker`,
            ]
          : [
              `${af.url}/dags/vsc_marker`,
              `${af.url}/dags/vsc_marker/runs/${enc(doneRun.runId)}`,
              `${af.url}/dags/vsc_marker/runs/${enc(doneRun.runId)}/tasks/say_marker`,
            ];
      const got: string[] = [];
      for (const node of [await dagNode('vsc_marker'), run, task]) {
        const opening = vscode.commands.executeCommand<string>('airflow.openInBrowser', node);
        // VS Code may ask before it opens an outside address; a user would answer, the test declines.
        if (uiAvailable() && (await countElements('.monaco-dialog-box:visible')) > 0) await pressKeys('Escape');
        got.push(await settled('Open in Airflow Web UI', opening));
      }
      assert.deepStrictEqual(got, expected);
      // The web server serves each address (2.x sends the login page first).
      for (const url of got) assert.ok([200, 302].includes((await fetch(url, { redirect: 'manual' })).status), url);

      assert.strictEqual(await vscode.commands.executeCommand('airflow.copyId', task), 'say_marker');
      assert.strictEqual(await vscode.commands.executeCommand('airflow.copyId', run), doneRun.runId);
      assert.strictEqual(await vscode.env.clipboard.readText(), doneRun.runId);
    });
  });
}
