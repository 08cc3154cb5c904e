// Issue 23 in an untrusted workspace: a DAG id literal in a cloned repository's .py file is shown
// in a message, never obeyed.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { assertShownNotObeyed, linkTo } from '../support/notifications';
import { uiAvailable } from '../support/screenshot';

describe('a DAG id literal with link syntax (untrusted workspace)', function () {
  this.timeout(60_000);

  it('Compare with Deployed DAG names it in its error, as text', async function () {
    if (!uiAvailable()) this.skip();
    assert.strictEqual(vscode.workspace.isTrusted, false, 'this suite must run in an untrusted workspace');
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const file = vscode.Uri.joinPath(folder, 'dags', 'outside_text_dag.py');
    fs.mkdirSync(vscode.Uri.joinPath(folder, 'dags').fsPath, { recursive: true });
    fs.writeFileSync(
      file.fsPath,
      `from airflow import DAG\n\nwith DAG(${JSON.stringify(linkTo('Open the repository'))}) as dag:\n    pass\n`,
    );
    try {
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.commands.executeCommand('airflow.showDagDiff', file);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await assertShownNotObeyed('Open the repository', 'outside-text-untrusted-dag-id');
    } finally {
      fs.rmSync(file.fsPath, { force: true });
    }
  });
});
