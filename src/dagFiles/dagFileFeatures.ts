// Loads the DAG-file features (lenses, import errors as Problems, the diff) when a Python file is
// first on screen or a command needs them: a window without one never loads their code.
import * as vscode from 'vscode';
import type { DagFiles, DagFilesDeps } from './dagFiles';
import type { DagLenses } from './dagLenses';

/** A document that may define DAGs: a Python file on disk (the lenses' selector). */
const isPythonFile = (doc: vscode.TextDocument) => doc.languageId === 'python' && doc.uri.scheme === 'file';

export class DagFileFeatures implements vscode.Disposable {
  private loadedParts: { files: DagFiles; lenses: DagLenses } | undefined;
  /** Stands for the lenses' own event until they are loaded, then forwards it. */
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  private readonly first: NodeJS.Timeout;
  /** What the lenses of the DAG files on screen said when VS Code was last told they changed. */
  private lastLenses = '';
  /** Refreshes still to tell VS Code about after a change (it drops a pending lens query when its editor loses focus). */
  private repeats = 0;

  constructor(private readonly s: DagFilesDeps) {
    this.subscriptions.push(
      vscode.window.onDidChangeVisibleTextEditors(() => {
        this.lastLenses = '';
        this.loadIfShown();
      }),
      vscode.languages.registerCodeLensProvider(
        { language: 'python', scheme: 'file' },
        {
          onDidChangeCodeLenses: this.changed.event,
          provideCodeLenses: (doc) => this.load().lenses.provideCodeLenses(doc),
        },
      ),
    );
    // After activation, not inside it: a Python file already on screen (lenses turned off or not).
    this.first = setTimeout(() => this.loadIfShown(), 0);
  }

  /** The DAG files, loading them now if they were not. */
  get(): DagFiles {
    return this.load().files;
  }

  /** The DAG files when something loaded them; nothing to refresh otherwise. */
  loaded(): DagFiles | undefined {
    return this.loadedParts?.files;
  }

  dispose(): void {
    clearTimeout(this.first);
    this.loadedParts?.files.dispose();
    for (const d of this.subscriptions) d.dispose();
  }

  private load(): { files: DagFiles; lenses: DagLenses } {
    if (this.loadedParts) return this.loadedParts;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const chunk = require('./chunk') as typeof import('./chunk');
    const files = new chunk.DagFiles(this.s);
    this.loadedParts = { files, lenses: new chunk.DagLenses(files, this.s.store) };
    this.subscriptions.push(files.onDidChange(() => this.lensesMayHaveChanged()));
    // The editor change that brought the file on screen came before the files listened.
    files.refresh();
    return this.loadedParts;
  }

  /**
   * VS Code draws every lens anew when told they changed, even one that reads the same: told on each
   * refresh (every few seconds), lenses flicker and a click during a redraw is lost. So it is told
   * when a lens on screen (or the set of editors) changed, and at the two refreshes after that, as
   * VS Code drops a pending lens query when its editor loses focus. An edit alone is not news: VS Code
   * asks again for the lenses of a document that changed.
   */
  private lensesMayHaveChanged(): void {
    const lenses = this.loadedParts?.lenses;
    if (!lenses) return;
    const now = vscode.window.visibleTextEditors
      .filter((e) => isPythonFile(e.document))
      .map(
        (e) =>
          `${e.document.uri.toString()}${JSON.stringify(
            lenses
              .provideCodeLenses(e.document)
              .map((l) => [
                l.range.start.line,
                l.range.start.character,
                l.command?.title,
                l.command?.command,
                l.command?.tooltip,
                l.command?.arguments,
              ]),
          )}`,
      )
      .join('\n');
    if (now !== this.lastLenses) {
      this.lastLenses = now;
      this.repeats = 2;
    } else if (this.repeats > 0) {
      this.repeats--;
    } else {
      return;
    }
    this.changed.fire();
  }

  private loadIfShown(): void {
    if (!this.loadedParts && vscode.window.visibleTextEditors.some((e) => isPythonFile(e.document))) this.load();
  }
}
