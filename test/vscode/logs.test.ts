// Task logs in editor tabs, in a real VS Code against real Airflow 2.x and 3.x.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { AirflowClient } from '../../src/airflow';
import { uniqueRunId as uniqueRun, waitForRun as waitForRunEnd } from '../support/airflowServers';
import { shortRunId } from '../../src/logs/logUri';
import { airflow, hooks, servedMajors, settled, waitUntil, type AirflowTarget } from './support/airflow';
import { pick } from './support/quickInput';
import { countElements, getText, screenshot, uiAvailable } from './support/screenshot';

const FOLLOWING = '[id$="airflow.logFollowing"]';

/** A fresh run id of this suite. */
const uniqueRunId = (label: string) => uniqueRun(`logs_${label}`);

function textOf(uri: vscode.Uri): string {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!doc) throw new Error(`no open document ${uri.toString()}`);
  return doc.getText();
}

function tabLabel(uri: vscode.Uri): string | undefined {
  for (const g of vscode.window.tabGroups.all) {
    for (const t of g.tabs)
      if (t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()) return t.label;
  }
  return undefined;
}

async function closeTab(uri: vscode.Uri): Promise<void> {
  for (const g of vscode.window.tabGroups.all) {
    for (const t of g.tabs)
      if (t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString())
        await vscode.window.tabGroups.close(t);
  }
}

async function openLog(args: Record<string, unknown>): Promise<vscode.Uri> {
  const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('airflow.openLog', args);
  assert.ok(uri, 'airflow.openLog returned the URI of the tab it opened');
  return uri;
}

/** The state a run ended in. */
async function waitForRun(client: AirflowClient, dagId: string, runId: string): Promise<string> {
  return (await waitForRunEnd(client, dagId, runId, 420_000)).state;
}

for (const major of servedMajors().reverse()) {
  describe(`task logs in editor tabs, Airflow ${major}.x (real VS Code, real Airflow)`, function () {
    this.timeout(600_000);
    let af: AirflowTarget;
    let client: AirflowClient;
    const profileId = `logs-af${major}`;
    const runs = { marker: uniqueRunId('marker'), retry: uniqueRunId('retry'), mapped: uniqueRunId('mapped') };

    before(async () => {
      af = airflow(major);
      const h = await hooks();
      await h.store.save(
        { id: profileId, name: profileId, url: af.url, auth: major === 2 ? 'basic' : 'jwt', username: af.username },
        af.password,
      );
      await h.store.setActive(profileId);
      await vscode.workspace
        .getConfiguration('airflow')
        .update('logFollowIntervalSeconds', 2, vscode.ConfigurationTarget.Global);
      client = await AirflowClient.connect({
        baseUrl: af.url,
        auth: { kind: major === 2 ? 'basic' : 'jwt', username: af.username, password: af.password },
      });
      await client.trigger('vsc_marker', { runId: runs.marker });
      await client.trigger('vsc_retry_fail', { runId: runs.retry });
      await client.trigger('vsc_mapped', { runId: runs.mapped });
    });

    after(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('the marker task\'s log holds its marker, in a tab titled "task try N · run.log" in the airflow-log language', async () => {
      assert.strictEqual(await waitForRun(client, 'vsc_marker', runs.marker), 'success');
      const uri = await openLog({ profileId, dagId: 'vsc_marker', runId: runs.marker, taskId: 'say_marker' });
      const text = textOf(uri);
      assert.ok(text.includes(`VSC_MARKER run_id=${runs.marker} try=1`), text);
      assert.match(text.split('\n')[0], /^Airflow log · say_marker try 1 · success · complete$/);
      assert.strictEqual(tabLabel(uri), `say_marker try 1 · ${shortRunId(runs.marker)}.log`);
      assert.strictEqual(vscode.window.activeTextEditor?.document.languageId, 'airflow-log');
      assert.ok(!text.includes('\u001b['), 'no ANSI escape codes');
      if (major === 3) {
        // v2 structured messages rendered as "timestamp LEVEL logger: event", with a group to fold.
        assert.match(text, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\S* INFO \S+: VSC_MARKER run_id=/m);
        const lines = text.split('\n');
        const group = lines.findIndex((l) => l.includes('::group::'));
        assert.ok(group >= 0, 'the v2 log opens with a ::group:: section');
        const ranges = await vscode.commands
          .executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri)
          .then(
            (r) => r,
            () => undefined,
          );
        assert.ok(ranges, 'VS Code answered the folding-range request for the log tab');
        assert.ok(
          ranges.some((r) => r.start === group),
          `a folding range starts at the group (line ${group}): ${JSON.stringify(ranges)}`,
        );
        const editor = vscode.window.activeTextEditor!;
        editor.selection = new vscode.Selection(group, 0, group, 0);
        await vscode.commands.executeCommand('editor.fold', { selectionLines: [group], levels: 1 });
        if (uiAvailable()) {
          await waitUntil(
            'a folded region in the editor',
            async () =>
              (await countElements(
                '.monaco-editor .codicon-folding-collapsed, .monaco-editor .codicon-folding-manual-collapsed',
              )) > 0,
          );
          await screenshot('logs-v2-structured-folded-group');
        }
      }
    });

    it("a closed tab's text is let go (VS Code keeps its document); a tab shown again, or the log opened again, reads it afresh", async () => {
      const h = await hooks();
      assert.strictEqual(await waitForRun(client, 'vsc_marker', runs.marker), 'success');
      const marker = `VSC_MARKER run_id=${runs.marker} try=1`;
      const uri = await openLog({ profileId, dagId: 'vsc_marker', runId: runs.marker, taskId: 'say_marker' });
      assert.ok(textOf(uri).includes(marker), 'the log is shown');
      const closeAndExpectLetGo = async () => {
        await closeTab(uri);
        await waitUntil(
          "the closed tab's session to end",
          () => h.logs.session(uri) === undefined || undefined,
          30_000,
        );
        // VS Code keeps a closed tab's document for a while, every line of it in the extension host.
        const kept = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        assert.ok(
          kept,
          "VS Code still holds the closed tab's document (if it no longer does, this test has lost its point)",
        );
        await waitUntil(
          'the kept document to hold one line instead of the log',
          () => (kept.lineCount === 1 && !kept.getText().includes(marker)) || undefined,
          30_000,
        );
        assert.match(
          kept.lineAt(0).text,
          /^Airflow log · vsc_marker › say_marker · run .* · try 1 · closed: open it again to read it\.$/,
        );
      };
      const showsLogAgain = (how: string) =>
        waitUntil(
          `the log in the tab again (${how})`,
          () => (textOf(uri).includes(marker) && h.logs.session(uri)) || undefined,
          60_000,
        );

      // A tab for the kept document, as Reopen Closed Editor makes.
      await closeAndExpectLetGo();
      await vscode.window.showTextDocument(uri, { preview: false });
      await showsLogAgain('its tab shown again');

      // The command, as a click in the tree.
      await closeAndExpectLetGo();
      await openLog({ profileId, dagId: 'vsc_marker', runId: runs.marker, taskId: 'say_marker' });
      assert.ok(textOf(uri).includes(marker), 'the command shows the log again');
      await closeTab(uri);
    });

    it('from the palette: DAG → run → task (keyboard), one try opens without asking', async () => {
      const done = vscode.commands.executeCommand<vscode.Uri>('airflow.openLog');
      await pick('vsc_marker', 'vsc_marker');
      await pick(runs.marker, runs.marker);
      await pick('say_marker', 'say_marker');
      const uri = await settled('"Open Log" to open the tab after the task was picked', done);
      assert.ok(uri);
      assert.ok(textOf(uri).includes(`VSC_MARKER run_id=${runs.marker} try=1`));
    });

    it('the retried task has two tries with different content; "Open Log of Try…" picks one; "Go to Log" opens the failed try', async () => {
      assert.strictEqual(await waitForRun(client, 'vsc_retry_fail', runs.retry), 'failed');
      const args = { profileId, dagId: 'vsc_retry_fail', runId: runs.retry, taskId: 'flaky' };
      const latest = await openLog(args);
      assert.strictEqual(tabLabel(latest), `flaky try 2 · ${shortRunId(runs.retry)}.log`, 'the latest try by default');
      const two = textOf(latest);
      assert.ok(two.includes('VSC_ATTEMPT try=2') && !two.includes('VSC_ATTEMPT try=1'), two);

      const picking = vscode.commands.executeCommand<vscode.Uri>('airflow.openLogTry', args);
      await pick('Try 2', 'Try 1');
      const first = await picking;
      const one = textOf(first);
      assert.ok(one.includes('VSC_ATTEMPT try=1') && !one.includes('VSC_ATTEMPT try=2'), one);
      assert.notStrictEqual(one, two);

      const failed = await vscode.commands.executeCommand<vscode.Uri>('airflow.openFailedTaskLog', {
        profileId,
        dagId: 'vsc_retry_fail',
        runId: runs.retry,
      });
      assert.strictEqual(failed?.toString(), latest.toString(), "Go to Log opens the failed task's latest try");

      const beyond = await openLog({ ...args, tryNumber: 7 });
      assert.match(textOf(beyond), /No log for try 7: flaky has run 2 times so far \(state: failed\)/);
    });

    it("a mapped expansion's tab and log name its map index and its own item", async () => {
      assert.strictEqual(await waitForRun(client, 'vsc_mapped', runs.mapped), 'success');
      const uri = await openLog({ profileId, dagId: 'vsc_mapped', runId: runs.mapped, taskId: 'process', mapIndex: 2 });
      const text = textOf(uri);
      assert.strictEqual(tabLabel(uri), `process [2] try 1 · ${shortRunId(runs.mapped)}.log`);
      assert.match(text.split('\n')[0], /^Airflow log · process \[2\] try 1 · success/);
      assert.ok(text.includes('VSC_MAPPED item=c'), text);
      for (const other of ['a', 'b', 'd'])
        assert.ok(!text.includes(`VSC_MAPPED item=${other}`), `item ${other} belongs to another expansion`);
      if (major === 2) assert.match(text, /map_index=2/, 'Airflow 2 names the map index in the log');
    });

    it("a running task's tab grows while it runs, says it is following, and stops when the task ends", async () => {
      // Triggered here, not in before(): Airflow 2 runs one task at a time and would have finished it.
      const ref = { dagId: 'vsc_long', runId: uniqueRunId('long'), taskId: 'tick' };
      await client.trigger('vsc_long', { runId: ref.runId });
      await waitUntil(
        'vsc_long tick to log its second tick',
        async () => {
          const [ti] = await client.listTaskInstances(ref.dagId, ref.runId);
          if (ti?.state !== 'running') return undefined;
          const log = await client.readFullLog(ref, ti.tryNumber);
          return log.lines.some((l) => l.includes('VSC_TICK n=2')) || undefined;
        },
        420_000,
      );
      const uri = await openLog({ profileId, ...ref });
      const first = textOf(uri);
      assert.match(first.split('\n')[0], /following: new lines appear every 2 s/, first.split('\n')[0]);
      assert.ok(!first.includes('VSC_TICK done'), 'opened while it runs');
      const firstTicks = (first.match(/VSC_TICK n=\d+/g) ?? []).length;
      if (uiAvailable()) {
        await screenshot('logs-following-opened');
        assert.match(await getText(FOLLOWING), /Following tick try 1/);
      }
      await waitUntil(
        'more lines in the tab',
        () => (textOf(uri).match(/VSC_TICK n=\d+/g) ?? []).length > firstTicks || undefined,
        30_000,
      );
      const second = textOf(uri);
      assert.ok(second.split('\n').length > first.split('\n').length, 'the document has more lines the second time');
      if (uiAvailable()) await screenshot('logs-following-running-task');

      await waitUntil(
        'following to stop when the task ends',
        () => /· success · complete$/m.test(textOf(uri).split('\n')[0]) || undefined,
        120_000,
      );
      const final = textOf(uri);
      const ticks = (final.match(/VSC_TICK n=(\d+)/g) ?? []).map((m) => Number(m.split('=')[1]));
      assert.deepStrictEqual(
        ticks,
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        'every tick exactly once: only the rest was read each time',
      );
      assert.ok(final.includes('VSC_TICK done'));
      if (uiAvailable())
        await waitUntil(
          'the following status item to go',
          async () => (await countElements(`${FOLLOWING}:visible`)) === 0,
          10_000,
        );
      // Not a wait for a state: an observation window in which nothing may happen (the old
      // follower polled every 2 s; two polls would show up here).
      await new Promise((r) => setTimeout(r, 5000));
      assert.strictEqual(textOf(uri), final, 'nothing changes after following stopped');
      await closeTab(uri);
    });

    it('a task that never ran shows why there is no log', async () => {
      const runId = uniqueRunId('queued');
      // A run of a paused DAG stays queued: its task instance never runs.
      await client.setPaused('vsc_params', true);
      try {
        await client.trigger('vsc_params', { runId });
        // The server creates the run's task instances with it (no state yet); a paused DAG's run goes no further.
        const tis = await waitUntil(
          "the queued run's task instances",
          async () => {
            const list = await client.listTaskInstances('vsc_params', runId);
            return list.length ? list : undefined;
          },
          30_000,
        );
        const uri = await openLog({ profileId, dagId: 'vsc_params', runId, taskId: tis[0].taskId });
        const text = textOf(uri);
        assert.match(text, /No log yet: .* has not run/, text);
        assert.ok(!/at \w+ \(.*:\d+:\d+\)/.test(text), 'no stack trace');
      } finally {
        await client.setPaused('vsc_params', false);
      }
    });
  });
}
