// The extension as a user installs it: the .vsix packed from the shipped bundle, installed with
// `code-server --install-extension`. No test hooks exist here, so the suite sees only what a user
// sees: commands, settings and the screen. The runner (scripts/test.mjs) hands the extension a
// connection to the test Airflow 3.x the way `npm start` does.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { waitUntil } from '../support/airflow';
import { countElements, getText, screenshot, waitForSelector } from '../support/screenshot';

const EXTENSION_ID = 'airflow-vscode.airflow-vscode';
const STATUS = '[id$="airflow.status"]';
const row = (text: string) => `.part.sidebar .monaco-list-row:has-text(${JSON.stringify(text)})`;

describe('the installed .vsix (real VS Code, real Airflow 3.x)', function () {
  this.timeout(180_000);

  it('is installed in the extensions folder, not run from a development path', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    const dir = process.env.VSC_TEST_EXTENSIONS_DIR;
    assert.ok(dir, 'the runner names the extensions folder');
    assert.ok(ext.extensionPath.startsWith(path.resolve(dir) + path.sep), `${ext.extensionPath} is not under ${dir}`);
  });

  it('activates and hands nothing to other extensions, even with the test-hooks switch set', async () => {
    assert.strictEqual(
      process.env.AIRFLOW_VSCODE_TEST_HOOKS,
      '1',
      'the runner sets the switch, so this test means something',
    );
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const exported: unknown = await ext.activate();
    assert.strictEqual(exported, undefined, 'the shipped bundle exports no internals');
  });

  it('lists the test DAGs in the Airflow view and shows the connection healthy, nothing typed', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.airflow');
    for (const dag of ['vsc_marker', 'vsc_mapped', 'vsc_retry_fail'])
      await waitForSelector(row(dag), 'visible', 120_000);
    const version = process.env.AIRFLOW3_VERSION ?? '3';
    await waitUntil(
      `the status bar to show "Installed test Airflow 3 · ${version}"`,
      async () => (await getText(STATUS)).includes(`Installed test Airflow 3 · ${version}`),
      60_000,
    );
    await screenshot('installed-vsix-explorer');
  });

  it('runs a command on a DAG: its source opens read-only, as Python', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('airflow.openDagSource', 'vsc_marker');
    assert.ok(uri, 'Open DAG Source returned no document');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.languageId, 'python');
    assert.match(doc.getText(), /vsc_marker/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.strictEqual(await countElements(row('vsc_marker')), 1, 'the tree still shows the DAG');
  });
});
