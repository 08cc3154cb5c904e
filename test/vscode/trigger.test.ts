// Triggering DAGs through the commands, in a real VS Code against real Airflow 2.x and 3.x.
import * as assert from 'assert';
import { parse as parseJsonc } from 'jsonc-parser';
import * as vscode from 'vscode';
import { FINAL_RUN_STATES, type AirflowClient, type DagRun } from '../../src/airflow';
import type { Node } from '../../src/views/explorer/nodes';
import { airflow, hooks, settled, waitUntil, type AirflowTarget } from './support/airflow';
import { clientFor, useAirflow } from './support/profiles';
import { answer, pick } from './support/quickInput';
import { screenshot, uiAvailable, waitForSelector } from './support/screenshot';

type DagNode = Extract<Node, { kind: 'dag' }>;

async function dagNode(dagId: string): Promise<DagNode> {
  const h = await hooks();
  const found = await waitUntil(
    `DAG ${dagId} in the tree`,
    async () => (await h.explorer.getChildren()).find((n): n is DagNode => n.kind === 'dag' && n.dag.dagId === dagId),
    30_000,
  );
  return found;
}

const runCount = async (client: AirflowClient, dagId: string) =>
  (await client.listDagRuns(dagId, {}, { limit: 1 })).total;

function docOf(uri: vscode.Uri): vscode.TextDocument {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!doc) throw new Error(`no open document ${uri.toString()}`);
  return doc;
}

async function setText(uri: vscode.Uri, text: string): Promise<void> {
  const doc = docOf(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applied');
  await vscode.window.showTextDocument(doc, { preview: false });
}

const ourDiagnostics = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Airflow trigger');

async function openConfEditor(dagId: string): Promise<vscode.Uri> {
  const uri = await settled(
    `"Trigger with Config…" on ${dagId} to open its tab`,
    vscode.commands.executeCommand<vscode.Uri | undefined>('airflow.triggerDagWithConfig', await dagNode(dagId)),
  );
  assert.ok(uri, 'airflow.triggerDagWithConfig returned the URI of its tab');
  assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the conf tab is active');
  return uri;
}

async function waitForEnd(client: AirflowClient, dagId: string, runId: string): Promise<DagRun> {
  return waitUntil(
    `run ${runId} of ${dagId} to end`,
    async () => {
      const run = await client.getDagRun(dagId, runId);
      return FINAL_RUN_STATES.has(run.state) ? run : undefined;
    },
    420_000,
  );
}

for (const major of [3, 2] as const) {
  describe(`trigger DAGs, Airflow ${major}.x (real VS Code, real Airflow)`, function () {
    this.timeout(600_000);
    let af: AirflowTarget;
    let client: AirflowClient;

    before(async () => {
      af = airflow(major);
      client = await clientFor(af);
      await client.setPausedMany({ dagIds: ['vsc_params', 'vsc_marker'] }, false);
      const h = await hooks();
      await vscode.workspace
        .getConfiguration('airflow')
        .update('autoRefreshSeconds', 2, vscode.ConfigurationTarget.Global);
      await vscode.workspace
        .getConfiguration('airflow')
        .update('notifyWhenRunsFinish', 'all', vscode.ConfigurationTarget.Global);
      await useAirflow(h, af, `trigger-af${major}`);
      await h.filters.setFilter({});
      await vscode.commands.executeCommand('workbench.view.extension.airflow');
    });

    after(async () => {
      await vscode.workspace
        .getConfiguration('airflow')
        .update('notifyWhenRunsFinish', undefined, vscode.ConfigurationTarget.Global);
      await client.setPausedMany({ dagIds: ['vsc_params', 'vsc_marker'] }, false).catch(() => undefined);
      // Conf tabs are untitled documents: close them without a save prompt.
      for (const doc of vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'untitled')) {
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    });

    it('"Trigger with Config…" opens a JSON-with-comments tab prefilled with the params\' defaults', async () => {
      const uri = await openConfEditor('vsc_params');
      const doc = docOf(uri);
      assert.strictEqual(uri.scheme, 'untitled');
      assert.strictEqual(doc.languageId, 'jsonc');
      const text = doc.getText();
      assert.deepStrictEqual(parseJsonc(text), { name: 'world', count: 3 });
      assert.match(text, /^\/\/ Trigger DAG "vsc_params" on connection "trigger-af\d"/m);
      assert.match(text, /Ctrl\+Enter|Cmd\+Enter/);
      assert.match(text, /Saving this document does not trigger anything/);
      // Each param with its type, constraint and description, as the DAG declares them.
      assert.match(text, /^\/\/ {3}name \(string\): Who the task greets\.$/m);
      assert.match(text, /^\/\/ {3}count \(integer, ≥ 1\): How many greetings to log\.$/m);
      if (uiAvailable()) {
        // The title bar's "Trigger" button is there for this tab.
        await waitForSelector('.editor-actions .codicon-play', 'visible', 15_000);
        await screenshot(major === 3 ? 'trigger-config-editor' : `trigger-config-editor-${major}`);
      }
      // Sent unchanged, the defaults are the run's conf (comments left out).
      const run = await settled(
        '"Trigger" of the prefilled tab',
        vscode.commands.executeCommand<DagRun | undefined>('airflow.sendTriggerConf', uri),
      );
      assert.ok(run, 'the command resolved to the new run');
      assert.deepStrictEqual((await client.getDagRun('vsc_params', run.runId)).conf, { name: 'world', count: 3 });
    });

    it('invalid JSON is marked, its text kept, and nothing is sent; so is a conf that is not an object', async () => {
      const before = await runCount(client, 'vsc_params');
      const uri = await openConfEditor('vsc_params');
      const broken = '// edited\n{"name": ';
      await setText(uri, broken);
      const sent = await settled(
        '"Trigger" of broken JSON to refuse',
        vscode.commands.executeCommand<DagRun | undefined>('airflow.sendTriggerConf'),
      );
      assert.strictEqual(sent, undefined, 'nothing was triggered');
      const marks = await waitUntil(
        'a diagnostic on the conf tab',
        () => (ourDiagnostics(uri).length ? ourDiagnostics(uri) : undefined),
        10_000,
      );
      assert.match(marks[0].message, /value is expected/);
      assert.strictEqual(marks[0].range.start.line, 1, 'the mark is on the broken line');
      assert.strictEqual(docOf(uri).getText(), broken, "the user's text is unchanged");
      assert.ok(!docOf(uri).isClosed, 'the tab stays open');

      await setText(uri, '[1]');
      assert.strictEqual(
        await settled(
          '"Trigger" of an array to refuse',
          vscode.commands.executeCommand('airflow.sendTriggerConf', uri),
        ),
        undefined,
      );
      await waitUntil(
        'the array to be marked',
        () => ourDiagnostics(uri).some((d) => /must be a JSON object/.test(d.message)) || undefined,
        10_000,
      );
      assert.strictEqual(docOf(uri).getText(), '[1]');
      assert.strictEqual(await runCount(client, 'vsc_params'), before, "the server's run count is unchanged");
    });

    it('a conf typed in the tab arrives in the run (its log echoes it); the marks go once fixed and the tab closes', async () => {
      const unique = `vsc-conf-${major}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      const uri = await openConfEditor('vsc_params');
      await setText(uri, `{"name": "${unique}", "count": 2}`);
      await waitUntil(
        'the marks to go once the JSON is fixed',
        () => ourDiagnostics(uri).length === 0 || undefined,
        10_000,
      );
      const run = await settled(
        '"Trigger" of the conf tab',
        vscode.commands.executeCommand<DagRun | undefined>('airflow.sendTriggerConf'),
      );
      assert.ok(run, 'the command resolved to the new run');
      const onServer = await client.getDagRun('vsc_params', run.runId);
      assert.deepStrictEqual(onServer.conf, { name: unique, count: 2 });
      const tabOpen = vscode.window.tabGroups.all.some((g) =>
        g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()),
      );
      assert.ok(!tabOpen, 'the sent tab is closed (without a save prompt)');
      assert.strictEqual((await waitForEnd(client, 'vsc_params', run.runId)).state, 'success');
      const [ti] = await client.listTaskInstances('vsc_params', run.runId);
      const log = await client.readFullLog({ dagId: 'vsc_params', runId: run.runId, taskId: ti.taskId }, ti.tryNumber);
      assert.ok(
        log.lines.some((l) => l.includes(`VSC_PARAMS name=${unique} count=2`)),
        log.lines.join('\n'),
      );

      // "Trigger Again with This Conf…" on that run's row opens a tab with its conf.
      const again = await settled(
        '"Trigger Again with This Conf…" to open its tab',
        vscode.commands.executeCommand<vscode.Uri | undefined>('airflow.triggerDagAgain', {
          kind: 'run',
          id: `trigger-af${major}/dag/vsc_params/run/${run.runId}`,
          run: onServer,
        }),
      );
      assert.ok(again);
      assert.deepStrictEqual(parseJsonc(docOf(again).getText()), { name: unique, count: 2 });
      assert.ok(
        docOf(again).getText().includes(`Prefilled with the conf of run ${run.runId}.`),
        docOf(again).getText(),
      );
    });

    it('"Trigger with Run Id, Logical Date or Note…" sends them; the same run id again is refused (409) and the tab is kept', async function () {
      if (!uiAvailable()) this.skip();
      const runId = `vsc_trigger_opts_${major}_${Date.now().toString(36)}`;
      const logicalDate = new Date(Date.UTC(2021, 0, 1) + Math.floor(Math.random() * 300 * 86400) * 1000)
        .toISOString()
        .replace(/\.\d+Z$/, 'Z');
      const uri = await openConfEditor('vsc_marker');
      await setText(uri, '{"from": "options"}');
      const send = () => vscode.commands.executeCommand<DagRun | undefined>('airflow.sendTriggerConfWithOptions');
      const first = send();
      await answer('Run id (empty', runId);
      await answer('with a time zone', logicalDate);
      await answer('Note shown on the run', 'sent from VS Code');
      const run = await settled('the trigger with options', first);
      assert.ok(run);
      const onServer = await client.getDagRun('vsc_marker', runId);
      assert.deepStrictEqual(onServer.conf, { from: 'options' });
      assert.strictEqual(onServer.note, 'sent from VS Code');
      assert.strictEqual(Date.parse(onServer.logicalDate ?? ''), Date.parse(logicalDate));

      const before = await runCount(client, 'vsc_marker');
      const again = await openConfEditor('vsc_marker');
      await setText(again, '{"from": "options again"}');
      const second = send();
      await answer('Run id (empty', runId);
      await answer('with a time zone', '');
      await answer('Note shown on the run', '');
      assert.strictEqual(await settled('the refused trigger', second), undefined);
      await waitForSelector(
        `.notifications-toasts:has-text(${JSON.stringify(`a run with id "${runId}" already exists (409)`)})`,
        'visible',
        15_000,
      );
      assert.strictEqual(docOf(again).getText(), '{"from": "options again"}', 'the tab and its text are kept');
      assert.strictEqual(await runCount(client, 'vsc_marker'), before);
    });

    it('a paused DAG asks "Unpause and trigger?" (keyboard), then is unpaused and has one more run, followed until it ends', async () => {
      await client.setPaused('vsc_marker', true);
      const before = await runCount(client, 'vsc_marker');
      const node = await dagNode('vsc_marker');
      const done = vscode.commands.executeCommand<DagRun | undefined>('airflow.triggerDag', node);
      await pick('Unpause and Trigger', 'Unpause');
      const run = await settled('"Trigger" to unpause and trigger', done);
      assert.ok(run, 'the command resolved to the new run');
      assert.strictEqual((await client.dagDetails('vsc_marker')).isPaused, false);
      assert.strictEqual(await runCount(client, 'vsc_marker'), before + 1);
      if (uiAvailable()) {
        await waitForSelector(
          `.notifications-toasts:has-text(${JSON.stringify(`run ${run.runId} of vsc_marker succeeded`)})`,
          'visible',
          300_000,
        );
      }
    });

    it('two "Trigger" invocations in quick succession create exactly one run', async () => {
      const before = await runCount(client, 'vsc_marker');
      const node = await dagNode('vsc_marker');
      const first = vscode.commands.executeCommand<DagRun | undefined>('airflow.triggerDag', node);
      const second = vscode.commands.executeCommand<DagRun | undefined>('airflow.triggerDag', node);
      const results = await settled('both "Trigger" commands to return', Promise.all([first, second]));
      assert.strictEqual(
        results.filter(Boolean).length,
        1,
        `exactly one invocation triggered: ${JSON.stringify(results.map((r) => r?.runId))}`,
      );
      await waitUntil(
        'the triggered run on the server',
        async () => (await runCount(client, 'vsc_marker')) >= before + 1 || undefined,
        30_000,
      );
      assert.strictEqual(await runCount(client, 'vsc_marker'), before + 1);
    });
  });
}
