// Draws the ANSI colours of log lines as editor decorations, in the terminal colours of the theme.
// Only the lines on screen (and a margin) are decorated: a 16 MB log may colour every line.
import * as vscode from 'vscode';
import type { AnsiStyle } from './ansi';
import type { LogDocumentProvider } from './logDocumentProvider';
import { LOG_SCHEME } from './logUri';

const NAMES = ['Black', 'Red', 'Green', 'Yellow', 'Blue', 'Magenta', 'Cyan', 'White'];
/** Lines above and below the visible ones that are decorated too, so scrolling shows colour at once. */
const MARGIN = 200;

/** `terminal.ansiRed`, `terminal.ansiBrightRed`, … : the colours the theme gives its terminal. */
function ansiColor(n: number): vscode.ThemeColor {
  return new vscode.ThemeColor(`terminal.ansi${n >= 8 ? 'Bright' : ''}${NAMES[n % 8]}`);
}

function styleKey(s: AnsiStyle): string {
  return `${s.fg ?? ''}/${s.bg ?? ''}/${s.bold ? 'b' : ''}${s.dim ? 'd' : ''}${s.italic ? 'i' : ''}${s.underline ? 'u' : ''}`;
}

export class LogColors implements vscode.Disposable {
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly provider: LogDocumentProvider) {
    const all = () => this.decorateAll();
    this.subscriptions = [
      vscode.window.onDidChangeVisibleTextEditors(all),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.decorate(e.textEditor)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.scheme !== LOG_SCHEME) return;
        for (const editor of vscode.window.visibleTextEditors)
          if (editor.document === e.document) this.decorate(editor);
      }),
    ];
    this.decorateAll();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    for (const t of this.types.values()) t.dispose();
  }

  private decorateAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.decorate(editor);
  }

  private type(style: AnsiStyle): vscode.TextEditorDecorationType {
    const key = styleKey(style);
    let t = this.types.get(key);
    if (!t) {
      t = vscode.window.createTextEditorDecorationType({
        color: style.fg === undefined ? undefined : ansiColor(style.fg),
        backgroundColor: style.bg === undefined ? undefined : ansiColor(style.bg),
        fontWeight: style.bold ? 'bold' : undefined,
        fontStyle: style.italic ? 'italic' : undefined,
        textDecoration: style.underline ? 'underline' : undefined,
        opacity: style.dim ? '0.7' : undefined,
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      });
      this.types.set(key, t);
    }
    return t;
  }

  private decorate(editor: vscode.TextEditor): void {
    if (editor.document.uri.scheme !== LOG_SCHEME) return;
    const session = this.provider.session(editor.document.uri);
    const ranges = new Map<string, vscode.Range[]>();
    if (session) {
      const last = editor.document.lineCount - 1;
      for (const visible of editor.visibleRanges) {
        const from = Math.max(0, visible.start.line - MARGIN);
        const to = Math.min(last, visible.end.line + MARGIN);
        for (let line = from; line <= to; line++) {
          for (const span of session.colorsAt(line) ?? []) {
            const key = styleKey(span);
            this.type(span);
            let list = ranges.get(key);
            if (!list) ranges.set(key, (list = []));
            list.push(new vscode.Range(line, span.start, line, span.end));
          }
        }
      }
    }
    // Every known style is set, so colours of lines that scrolled away or changed are removed.
    for (const [key, t] of this.types) editor.setDecorations(t, ranges.get(key) ?? []);
  }
}
