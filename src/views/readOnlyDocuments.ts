// Read-only editor tabs for text fetched from Airflow (import errors), on our own scheme.
import * as vscode from 'vscode';

export const READONLY_SCHEME = 'airflow-text';

/** Read-only editor tabs for text we fetched (import error stack traces, DAG source). */
export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();

  register(): vscode.Disposable {
    return vscode.workspace.registerTextDocumentContentProvider(READONLY_SCHEME, this);
  }

  async open(path: string, content: string, language?: string): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: READONLY_SCHEME, path });
    this.contents.set(uri.toString(), content);
    let doc = await vscode.workspace.openTextDocument(uri);
    if (language && doc.languageId !== language) doc = await vscode.languages.setTextDocumentLanguage(doc, language);
    return vscode.window.showTextDocument(doc, { preview: true });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? 'This content is no longer available; open it again from the Airflow view.';
  }
}
