// Read-only editor tabs for text fetched from Airflow (import errors, DAG source, a diff's deployed side).
import * as vscode from 'vscode';

export const READONLY_SCHEME = 'airflow-text';

/** Read-only editor tabs for text we fetched (import error stack traces, DAG source). */
export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  register(): vscode.Disposable {
    return vscode.Disposable.from(
      vscode.workspace.registerTextDocumentContentProvider(READONLY_SCHEME, this),
      this.changed,
    );
  }

  /** Keeps `content` under `path` and returns its URI, without opening it (a diff's left side). */
  put(path: string, content: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: READONLY_SCHEME, path });
    const before = this.contents.get(uri.toString());
    this.contents.set(uri.toString(), content);
    // A tab that is already open shows what was fetched now, not what it showed last time.
    if (before !== undefined && before !== content) this.changed.fire(uri);
    return uri;
  }

  async open(path: string, content: string, language?: string): Promise<vscode.TextEditor> {
    const uri = this.put(path, content);
    let doc = await vscode.workspace.openTextDocument(uri);
    if (language && doc.languageId !== language) doc = await vscode.languages.setTextDocumentLanguage(doc, language);
    return vscode.window.showTextDocument(doc, { preview: true });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return (
      this.contents.get(uri.toString()) ?? 'This content is no longer available; open it again from the Airflow view.'
    );
  }
}
