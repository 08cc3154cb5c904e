// Puts the `airflow-log:` documents into VS Code: their content provider, folding ranges, ANSI colours and the "following" status item.
import * as vscode from 'vscode';
import type { LogDocumentProvider } from './logDocumentProvider';
import { nextTurn, refLabel, refOf } from './logDocuments';
import { INTERVAL_SETTING } from './logSessionStart';
import { LogColors } from './logColors';
import { foldingRangesInParts } from './logFolding';
import { LOG_SCHEME } from './logUri';

export function registerLogDocuments(provider: LogDocumentProvider): vscode.Disposable[] {
  const status = vscode.window.createStatusBarItem('airflow.logFollowing', vscode.StatusBarAlignment.Left, 50);
  status.name = 'Airflow Log Following';
  const updateStatus = () => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const ref = uri && refOf(uri);
    if (uri && ref && provider.isFollowing(uri)) {
      const seconds = vscode.workspace.getConfiguration().get<number>(INTERVAL_SETTING, 3);
      status.text = `$(sync~spin) Following ${ref.taskId} try ${ref.tryNumber}`;
      status.tooltip = `The log of ${refLabel(ref)} is read again every ${seconds} s while the task runs. Close the tab to stop.`;
      status.show();
    } else {
      status.hide();
    }
  };
  return [
    provider,
    status,
    new LogColors(provider),
    vscode.workspace.registerTextDocumentContentProvider(LOG_SCHEME, provider),
    vscode.languages.registerFoldingRangeProvider(
      { scheme: LOG_SCHEME },
      {
        // The session's lines where it has them: a 16 MB document's getText().split() alone stalls the host.
        // VS Code asks right after it sent the host the document's new text, in the same task: the scan
        // goes on in parts after it.
        provideFoldingRanges: async (doc, _context, token) => {
          const lines = provider.session(doc.uri)?.renderedLines() ?? doc.getText().split('\n');
          const ranges = await foldingRangesInParts(lines, nextTurn, () => token.isCancellationRequested);
          return ranges?.map(
            (r) =>
              new vscode.FoldingRange(r.start, r.end, r.kind === 'group' ? vscode.FoldingRangeKind.Region : undefined),
          );
        },
      },
    ),
    provider.onDidChangeFollowing(updateStatus),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
  ];
}
