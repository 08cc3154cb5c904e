// Tells the user when a run they watched ends; a failed one offers the failed task's log.
import * as vscode from 'vscode';
import type { ExplorerProvider } from '../views/explorer/explorerProvider';
import { outsideText } from '../ui/outsideText';

type Mode = 'failed' | 'all' | 'off';

/** Tells when a run the user watched in the explorer ends; a failed one offers its failed task's log. */
export function registerRunFinishedNotifications(explorer: ExplorerProvider): vscode.Disposable {
  return explorer.onDidFinishRun(async ({ profileId, run }) => {
    const mode = vscode.workspace.getConfiguration('airflow').get<Mode>('notifyWhenRunsFinish', 'failed');
    if (mode === 'off' || (mode === 'failed' && run.state !== 'failed')) return;
    const text = `Airflow: run ${outsideText(run.runId)} of ${outsideText(run.dagId)} ${run.state === 'failed' ? 'failed' : 'succeeded'}.`;
    if (run.state === 'failed') {
      const choice = await vscode.window.showErrorMessage(outsideText(text, 800), 'Go to Log');
      if (choice === 'Go to Log')
        await vscode.commands.executeCommand('airflow.openFailedTaskLog', {
          profileId,
          dagId: run.dagId,
          runId: run.runId,
        });
    } else {
      void vscode.window.showInformationMessage(outsideText(text, 800));
    }
  });
}
