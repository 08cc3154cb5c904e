import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ConnectionState } from '../../src/connection/connectionState';
import { stripAnsi } from '../../src/logs/ansi';
import { BIG, BIG_LOG_END } from '../support/fakeLogServer';
import { startFakeLogServer, type FakeLogProcess } from './support/fakeLogProcess';
import { hooks, settled, waitUntil } from './support/airflow';
import { uiAction, uiAvailable } from './support/screenshot';

/** The text of a line as the tab shows it: the log's ANSI codes drawn as colours, not written out. */
const plain = stripAnsi;

describe('a 50 MB task log (fake Airflow 3 in its own process)', function () {
  this.timeout(240_000);
  const id = 'biglog';
  let server: FakeLogProcess;
  let previous: string | undefined;

  before(async () => {
    // The server holds back the log's last lines until the test releases them: "still loading" is a
    // state the test reaches for sure, not a race it hopes to win.
    server = await startFakeLogServer('v2', 50, { holdEnd: true });
    const h = await hooks();
    previous = h.store.active()?.profile.id;
    await h.store.save({ id, name: id, url: server.url, auth: 'none' });
    await h.store.setActive(id);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    server?.stop();
    const h = await hooks();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (previous) await h.store.setActive(previous);
    await h.store.remove(id);
  });

  it('shows its first lines while loading, other commands complete meanwhile, then it shows its last lines in colour', async () => {
    const h = await hooks();
    let opened = false;
    const opening = vscode.commands.executeCommand<vscode.Uri>('airflow.openLog', { profileId: id, ...BIG });
    void opening.then(() => (opened = true));

    // The tab holds log lines while the log is still coming in.
    const doc = await waitUntil(
      'the log tab to show its first lines while it loads',
      () =>
        vscode.workspace.textDocuments.find(
          (d) =>
            d.uri.scheme === 'airflow-log' &&
            /processed row \d+ of the big extract/.test(d.getText(new vscode.Range(0, 0, 20, 0))),
        ),
      120_000,
    );
    assert.match(doc.lineAt(0).text, /^Airflow log · big try 1 · loading… [\d,]+ lines so far, the latest below$/);
    const session = h.logs.session(doc.uri);
    assert.ok(session, 'the tab has a session');
    assert.equal(session.state, 'loading');

    // Meanwhile the extension host answers other requests: the tree's root (what expanding the view
    // asks for) and a command through the command wrapper.
    const roots = await settled('the tree root while the log loads', h.explorer.getChildren());
    assert.deepEqual(roots.filter((n) => n.kind === 'dag').length, 3, 'the three DAGs of the fake server');
    const state = await settled(
      'Test Connection while the log loads',
      vscode.commands.executeCommand<ConnectionState>('airflow.testConnection', id),
    );
    assert.equal(state?.kind, 'healthy');
    assert.equal(session.state, 'loading', 'both finished while the log was still loading');
    assert.equal(opened, false, 'the open command was still waiting for the rest of the log');
    console.log(
      `      (the tree and Test Connection completed with ${session.received.toLocaleString('en-US')} lines of the log read)`,
    );

    // The server sends the end; the tab then holds the log's last lines and says what it left out.
    await server.release();
    const uri = await settled('the open command to end once the log has loaded', opening, 120_000);
    assert.equal(uri.toString(), doc.uri.toString());
    const lines = doc.getText().split('\n');
    assert.match(lines[0], /^Airflow log · big try 1 · success · complete$/);
    const keptMB = vscode.workspace.getConfiguration('airflow').get<number>('logMaxSizeMB');
    assert.ok(
      lines.some(
        (l) =>
          l.startsWith('Left out: the first ') &&
          l.includes(` of this log; showing the last ${keptMB?.toFixed(1)} MB.`),
      ),
      `the header says what was left out, and that it shows the last ${keptMB} MB (the setting)`,
    );
    const last = lines.filter((l) => l !== '').slice(-2);
    assert.deepEqual(last, BIG_LOG_END.map(plain), 'the last lines, without escape codes');
    assert.ok(!doc.getText().includes('\u001b'), 'no escape code is written out');

    // Their colours: red for ERROR, bold green for the end marker.
    const errorLine = lines.lastIndexOf(plain(BIG_LOG_END[0]));
    assert.deepEqual(session.colorsAt(errorLine), [{ fg: 1, start: 0, end: 5 }]);
    assert.deepEqual(session.colorsAt(errorLine + 1), [{ fg: 2, bold: true, start: 0, end: 11 }]);

    if (uiAvailable()) {
      const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
      assert.ok(editor, 'the log tab is visible');
      // Opened, the tab goes to the log's end by itself: where the error of a failed try is.
      await waitUntil(
        'the log tab to show its last lines',
        () => editor.visibleRanges.some((r) => r.contains(new vscode.Position(errorLine + 1, 0))) || undefined,
        30_000,
      ).catch((err: unknown) => {
        throw new Error(`${String(err)} (visible: ${JSON.stringify(editor.visibleRanges)}, ${doc.lineCount} lines)`);
      });
      assert.equal(editor.selection.active.line, doc.lineCount - 1, 'the cursor is on the last line');
      // The workbench takes a while with a document of several MB (VS Code's own tokenizing and folding): be patient.
      await uiAction({
        action: 'waitFor',
        selector: '.monaco-editor .view-line:has-text("BIG LOG END")',
        timeoutMs: 90_000,
      });
      await uiAction({ action: 'screenshot', name: 'big-log-end', timeoutMs: 90_000 });
    }

    // Closing the tab ends its session, and with it what it held.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitUntil(
      "the closed tab's session to end",
      () => h.logs.session(doc.uri) === undefined || undefined,
      30_000,
    );
  });
});
