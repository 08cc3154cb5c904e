// The events the DAG files follow: editors shown, focus, saves, closes, edits, the settings they read and the connection.
import * as vscode from 'vscode';

/** What the DAG files do on each event. */
export interface DagFileEventHandlers {
  editorsChanged(): void;
  focusChanged(focused: boolean): void;
  saved(doc: vscode.TextDocument): void;
  closed(doc: vscode.TextDocument): void;
  edited(doc: vscode.TextDocument): void;
  /** `airflow.dagsFolder` or `airflow.autoRefreshSeconds` changed. */
  settingsChanged(): void;
  connectionChanged(): void;
}

/** Subscribes `on` to every event the DAG files follow; dispose what it returns to stop. */
export function followDagFileEvents(connections: vscode.Event<unknown>, on: DagFileEventHandlers): vscode.Disposable[] {
  return [
    vscode.window.onDidChangeVisibleTextEditors(() => on.editorsChanged()),
    vscode.window.onDidChangeWindowState((w) => on.focusChanged(w.focused)),
    vscode.workspace.onDidSaveTextDocument((doc) => on.saved(doc)),
    vscode.workspace.onDidCloseTextDocument((doc) => on.closed(doc)),
    vscode.workspace.onDidChangeTextDocument((e) => on.edited(e.document)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('airflow.dagsFolder') || e.affectsConfiguration('airflow.autoRefreshSeconds'))
        on.settingsChanged();
    }),
    connections(() => on.connectionChanged()),
  ];
}
