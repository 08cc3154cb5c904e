import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { hooks, waitUntil } from './support/airflow';
import { getText, screenshot, uiAvailable, waitForSelector } from './support/screenshot';

const EXTENSION_ID = 'airflow-vscode.airflow-vscode';

describe('smoke: the extension in a real VS Code', () => {
  it('is installed and activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} not found`);
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  it('contributes the Airflow view container and its Explorer view', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributes = ext.packageJSON.contributes;
    const containers: { id: string }[] = contributes?.viewsContainers?.activitybar ?? [];
    assert.ok(
      containers.some((c) => c.id === 'airflow'),
      `activitybar containers: ${JSON.stringify(containers)}`,
    );
    const views: { id: string }[] = contributes?.views?.airflow ?? [];
    assert.ok(
      views.some((v) => v.id === 'airflow.explorer'),
      `views in airflow: ${JSON.stringify(views)}`,
    );
  });

  it('opens the Airflow view from its command', async () => {
    const { treeView } = await hooks();
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await waitUntil('the Airflow view to be hidden with the side bar', () => !treeView.visible || undefined);
    await vscode.commands.executeCommand('workbench.view.extension.airflow');
    // Rejects if the view is not registered.
    await vscode.commands.executeCommand('airflow.explorer.focus');
    await waitUntil('the Airflow view to be visible after its command', () => treeView.visible || undefined);
  });

  it('shows the Airflow view in the workbench (screenshot)', async function () {
    if (!uiAvailable()) this.skip();
    await vscode.commands.executeCommand('workbench.view.extension.airflow');
    await waitForSelector('.part.sidebar .composite.title h2:has-text("Airflow")');
    assert.match(await getText('.part.sidebar .composite.title h2'), /airflow/i);
    const png = await screenshot('smoke-explorer');
    const size = fs.statSync(png).size;
    assert.ok(size > 10_000, `screenshot ${png} is only ${size} bytes`);
  });
});
