import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { hooks } from '../support/airflow';

describe('profiles from workspace settings (untrusted workspace)', function () {
  this.timeout(60_000);

  it('are not used, and their token command does not run', async () => {
    const markerFile = process.env.VSC_MARKER_FILE;
    assert.ok(markerFile, 'VSC_MARKER_FILE is not set: the runner must prepare the workspace');
    assert.strictEqual(vscode.workspace.isTrusted, false, 'this suite must run in an untrusted workspace');
    const raw = fs.readFileSync(
      vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.vscode', 'settings.json').fsPath,
      'utf8',
    );
    assert.match(raw, /ws-command/, 'the workspace declares the profile');
    const h = await hooks();
    assert.deepStrictEqual(
      h.store.list().map((e) => e.profile.name),
      [],
    );
    const state = await h.monitor.checkNow();
    assert.strictEqual(state.kind, 'noProfile');
    await vscode.commands.executeCommand('workbench.view.extension.airflow');
    // An observation window, not a wait for a state: the view's first load and a health check
    // happen in it, and either would run the command if trust were ignored.
    await new Promise((r) => setTimeout(r, 3000));
    assert.strictEqual(fs.existsSync(markerFile), false, 'the token command ran');
  });
});
