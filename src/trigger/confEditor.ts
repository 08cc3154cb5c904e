// "Trigger with Config…" tabs: untitled JSON-with-comments documents, what each one triggers, and the marks on a wrong conf.
import * as vscode from 'vscode';
import { buildConfDocument, parseConfDocument, type ConfDocumentInput, type ParsedConf } from './confDocument';

/** What a conf tab sends, and where. */
export interface ConfTarget {
  profileId: string;
  dagId: string;
  /** The run whose conf it started from, if any. */
  fromRunId?: string;
}

/** Set while the active editor is a conf tab: the "Trigger" title buttons and Ctrl/Cmd+Enter use it. */
export const CONF_ACTIVE_KEY = 'airflow.triggerConfActive';

const sameTarget = (a: ConfTarget, b: ConfTarget) =>
  a.profileId === b.profileId && a.dagId === b.dagId && a.fromRunId === b.fromRunId;

export class ConfEditors implements vscode.Disposable {
  private readonly targets = new Map<string, ConfTarget>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('airflow-trigger');
  private readonly subscriptions: vscode.Disposable[];
  private active = false;

  constructor() {
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor((e) => this.updateContext(e)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.targets.delete(doc.uri.toString());
        this.diagnostics.delete(doc.uri);
        this.updateContext(vscode.window.activeTextEditor);
      }),
      // A marked conf is checked again as the user types: the marks go once it is fixed.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.diagnostics.has(e.document.uri) && this.targets.has(e.document.uri.toString())) this.check(e.document);
      }),
    ];
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.diagnostics.dispose();
  }

  /** The target of a conf tab (undefined for any other document). */
  target(uri: vscode.Uri): ConfTarget | undefined {
    return this.targets.get(uri.toString());
  }

  /**
   * Opens a conf tab for `target`. A tab already open for the same DAG and source comes to the
   * front with the user's text as it is; otherwise a new untitled JSON-with-comments document is filled.
   */
  async open(target: ConfTarget, content: Omit<ConfDocumentInput, 'sendKey'>): Promise<vscode.Uri> {
    const open = vscode.workspace.textDocuments.find(
      (d) =>
        !d.isClosed && this.targets.has(d.uri.toString()) && sameTarget(this.targets.get(d.uri.toString())!, target),
    );
    if (open) {
      await vscode.window.showTextDocument(open, { preview: false });
      return open.uri;
    }
    // A plain untitled document (Untitled-N): Save asks where, as for any new file. An untitled
    // document opened from an `untitled:` address with a name is tied to that path and saved
    // there without asking (in VS Code in the browser, at the root of the server's disk).
    const text = buildConfDocument({ ...content, sendKey: process.platform === 'darwin' ? 'Cmd+Enter' : 'Ctrl+Enter' });
    const doc = await vscode.workspace.openTextDocument({ language: 'jsonc', content: text });
    const uri = doc.uri;
    this.targets.set(uri.toString(), target);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    // The cursor on the JSON, not on the comments.
    const start = doc.getText().indexOf('\n{');
    if (start >= 0) editor.selection = new vscode.Selection(doc.positionAt(start + 1), doc.positionAt(start + 1));
    this.updateContext(editor);
    return uri;
  }

  /** Parses the document; marks what is wrong (or clears the marks) and returns the result. */
  check(doc: vscode.TextDocument): ParsedConf {
    const parsed = parseConfDocument(doc.getText());
    if ('conf' in parsed) {
      this.diagnostics.delete(doc.uri);
      return parsed;
    }
    this.diagnostics.set(
      doc.uri,
      parsed.errors.map((e) => {
        const start = doc.positionAt(e.offset);
        const range = new vscode.Range(start, doc.positionAt(e.offset + Math.max(e.length, 1)));
        const d = new vscode.Diagnostic(range, e.message, vscode.DiagnosticSeverity.Error);
        d.source = 'Airflow trigger';
        return d;
      }),
    );
    return parsed;
  }

  /** Closes a conf tab that was sent, without asking to save it (its text is now the run's conf). */
  async closeSent(doc: vscode.TextDocument): Promise<void> {
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    if (editor.document.uri.toString() !== doc.uri.toString() || doc.isClosed) return;
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }

  /** "trigger <dag>.jsonc", or "trigger <dag> (2).jsonc" when that name is taken by another tab. */
  private updateContext(editor: vscode.TextEditor | undefined): void {
    const active = !!editor && this.targets.has(editor.document.uri.toString());
    if (active === this.active) return;
    this.active = active;
    void vscode.commands.executeCommand('setContext', CONF_ACTIVE_KEY, active);
  }
}
