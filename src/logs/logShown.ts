// Waits until an open log document shows its loaded session (its first line is the header's).
import * as vscode from 'vscode';
import type { LogSession } from './logSession';

/**
 * Resolves once `doc` shows `session` loaded, or `isCurrent` says the session was replaced;
 * `fireChange` asks VS Code to read the document again.
 */
export async function shownLoaded(
  doc: vscode.TextDocument,
  session: LogSession,
  isCurrent: () => boolean,
  fireChange: () => void,
): Promise<void> {
  // The document object in hand may have been replaced (a language change closes and reopens it):
  // look at the one open now, else a closed object would say "done" before its text was updated.
  const current = () =>
    doc.isClosed ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.uri.toString()) : doc;
  const shows = () => {
    const open = current();
    return !isCurrent() || !open || open.lineAt(0).text === session.header()[0];
  };
  if (shows()) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      sub.dispose();
      clearInterval(again);
      clearTimeout(timer);
      resolve();
    };
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.toString() === doc.uri.toString() && shows()) done();
    });
    // The session's end fired a change (startSession()). One that reaches VS Code while it reopens the
    // document for its language can be lost, leaving the tab at "loading…": ask again, after
    // longer for a big text (whose change may simply still be on its way).
    const againMs = Math.max(3_000, session.text.charCount / 1_000);
    const again = setInterval(() => (shows() ? done() : fireChange()), againMs);
    const timer = setTimeout(done, 30_000 + againMs);
  });
}
