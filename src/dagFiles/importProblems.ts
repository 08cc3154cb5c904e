// Import errors as Problems: each one the server reports, on the workspace file it names, at the line its stack trace names.
import * as vscode from 'vscode';
import type { ImportError } from '../airflow';
import { importProblem, sameFile, type LocalPath } from './paths';

const PYTHON_EXCLUDE = '**/{node_modules,.git,.venv,venv,__pycache__}/**';

export class ImportProblems implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('airflow');
  /** Workspace files found for an import error's file name (forgotten on refresh). */
  private readonly found = new Map<string, vscode.Uri[]>();

  constructor(private readonly localPathOf: (uri: vscode.Uri) => LocalPath | undefined) {}

  dispose(): void {
    this.diagnostics.dispose();
  }

  clear(): void {
    this.diagnostics.clear();
  }

  forgetSearches(): void {
    this.found.clear();
  }

  /** Sets the Problems of every workspace file the server reports, and clears those it no longer reports. */
  async update(importErrors: ImportError[], profileName: string): Promise<void> {
    const next = new Map<string, { uri: vscode.Uri; diags: vscode.Diagnostic[] }>();
    for (const error of importErrors) {
      for (const uri of await this.workspaceFilesFor(error.filename)) {
        const { line, message } = importProblem(error.stackTrace, error.filename);
        const d = new vscode.Diagnostic(
          new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER),
          message,
          vscode.DiagnosticSeverity.Error,
        );
        d.source = `Airflow (${profileName})`;
        d.code = 'import error';
        const key = uri.toString();
        const slot = next.get(key) ?? { uri, diags: [] };
        slot.diags.push(d);
        next.set(key, slot);
      }
    }
    this.diagnostics.forEach((uri) => {
      if (!next.has(uri.toString())) this.diagnostics.delete(uri);
    });
    for (const { uri, diags } of next.values()) this.diagnostics.set(uri, diags);
  }

  /** Workspace files that are the server's `filename`: open documents first, else a search by file name (cached). */
  private async workspaceFilesFor(filename: string): Promise<vscode.Uri[]> {
    const open = vscode.workspace.textDocuments
      .filter((d) => {
        const local = d.uri.scheme === 'file' ? this.localPathOf(d.uri) : undefined;
        return local && sameFile(filename, local);
      })
      .map((d) => d.uri);
    if (open.length) return open;
    const cached = this.found.get(filename);
    if (cached) return cached;
    const name = filename.replace(/\\/g, '/').split('/').pop();
    if (!name || !vscode.workspace.workspaceFolders?.length) return [];
    const candidates = await vscode.workspace.findFiles(`**/${name.replace(/[[\]{}*?]/g, '?')}`, PYTHON_EXCLUDE, 20);
    const matches = candidates.filter((uri) => {
      const local = this.localPathOf(uri);
      return local && sameFile(filename, local);
    });
    this.found.set(filename, matches);
    return matches;
  }
}
