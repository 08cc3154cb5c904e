// Serves `airflow-log:` documents: one LogSession per open tab, followed while its task runs.
import * as vscode from 'vscode';
import type { ClientFactory } from '../connection/clientFactory';
import type { ProfileStore } from '../profiles/profileStore';
import { clientLogSource } from './clientLogSource';
import { nextTurn, refLabel, refOf } from './logDocuments';
import type { LogSession } from './logSession';
import { startSession } from './logSessionStart';
import { shownLoaded } from './logShown';
import type { LogSource } from './logSource';
import { decodeLogUri, logKey, type LogRef } from './logUri';

/** What the provider needs of the extension: a profile's client, and the output channel. */
export interface LogProviderDeps {
  store: Pick<ProfileStore, 'get'>;
  clients: Pick<ClientFactory, 'client'>;
  log: vscode.LogOutputChannel;
}

/** How often a tab redraws while its log streams in. */
const PROGRESS_MS = 300;
const HAND_OVER_LATER_CHARS = 1024 * 1024;

export class LogDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly followChanged = new vscode.EventEmitter<void>();
  /** Fires when a tab starts or stops following. */
  readonly onDidChangeFollowing = this.followChanged.event;
  private readonly sessions = new Map<string, LogSession>();
  /** Sessions whose document has been seen in a tab: closing its last tab stops it. */
  private readonly shown = new Set<string>();
  /** Documents VS Code kept after their tab closed, emptied to a line saying so (by key). */
  private readonly released = new Map<string, vscode.Uri>();
  private readonly subscriptions: vscode.Disposable[];
  /** Pending and last redraws of loading tabs, by URI. */
  private readonly redraws = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly lastRedraw = new Map<string, number>();

  constructor(
    private readonly deps: LogProviderDeps,
    private readonly sourceFor?: (ref: LogRef) => Promise<LogSource>,
  ) {
    this.subscriptions = [
      this.changed,
      this.followChanged,
      vscode.window.tabGroups.onDidChangeTabs(() => this.dropClosedTabs()),
      // Setting the language closes and reopens a document: stop only if it stays closed.
      vscode.workspace.onDidCloseTextDocument((doc) => {
        const key = this.keyOf(doc.uri);
        if (!key) return;
        this.released.delete(key);
        const timer = setTimeout(() => {
          const reopened = vscode.workspace.textDocuments.some((d) => this.keyOf(d.uri) === key);
          if (!reopened) this.stop(key);
        }, 2000);
        this.subscriptions.push({ dispose: () => clearTimeout(timer) });
      }),
    ];
  }

  dispose(): void {
    for (const t of this.redraws.values()) clearTimeout(t);
    for (const key of [...this.sessions.keys()]) this.stop(key);
    for (const d of this.subscriptions) d.dispose();
  }

  /** Sessions are keyed by the reference, not by `uri.toString()`: URIs revived from the window may encode differently. */
  private keyOf(uri: vscode.Uri): string | undefined {
    const ref = refOf(uri);
    return ref && logKey(ref);
  }

  session(uri: vscode.Uri): LogSession | undefined {
    const key = this.keyOf(uri);
    return key === undefined ? undefined : this.sessions.get(key);
  }

  isFollowing(uri: vscode.Uri): boolean {
    return this.session(uri)?.following === true;
  }

  /**
   * Answers at once with what the session has (a header saying it is loading, then the latest lines
   * as they stream in, redrawn at most every PROGRESS_MS); the whole kept text once it has loaded.
   */
  provideTextDocumentContent(uri: vscode.Uri): string | Promise<string> {
    const ref = refOf(uri);
    if (!ref) return `This is not an Airflow log address: ${uri.toString()}`;
    const key = logKey(ref);
    if (this.released.has(key)) return `Airflow log · ${refLabel(ref)} · closed: open it again to read it.`;
    let session = this.sessions.get(key);
    if (!session) {
      session = this.start(ref, uri);
      this.sessions.set(key, session);
    }
    const text = session.render();
    // VS Code splits, compares and sends the answer in the task that gets it: a big text is handed
    // over a turn after it was built, two stalls of this host instead of one twice as long.
    if (text.length < HAND_OVER_LATER_CHARS) return text;
    return nextTurn().then(() => text);
  }

  /** Reads afresh a log whose document VS Code kept after its tab closed (shown again, or about to be). */
  async reopen(uri: vscode.Uri): Promise<void> {
    const key = this.keyOf(uri);
    if (!key || this.sessions.has(key)) return;
    this.released.delete(key);
    await this.provideTextDocumentContent(uri);
    this.changed.fire(uri);
  }

  /**
   * Resolves once the log has loaded and the document shows it (its first line says so), for
   * commands and tests that go on from there; the tab is open and filling long before.
   */
  async loaded(doc: vscode.TextDocument): Promise<void> {
    const session = this.session(doc.uri);
    if (!session) return;
    await session.loaded;
    await shownLoaded(
      doc,
      session,
      () => this.session(doc.uri) === session,
      () => this.changed.fire(doc.uri),
    );
  }

  private start(ref: LogRef, uri: vscode.Uri): LogSession {
    return startSession(ref, (r) => this.source(r), {
      log: this.deps.log,
      changed: () => this.changed.fire(uri),
      followChanged: () => this.followChanged.fire(),
      progress: () => this.progress(uri),
    });
  }

  /** Redraws a loading tab: the first lines at once, then at most every PROGRESS_MS. */
  private progress(uri: vscode.Uri): void {
    const key = this.keyOf(uri);
    if (!key || this.redraws.has(key)) return;
    const wait = Math.max(0, this.lastRedraw.get(key) ?? 0) + PROGRESS_MS - Date.now();
    const redraw = () => {
      this.redraws.delete(key);
      this.lastRedraw.set(key, Date.now());
      if (this.session(uri)?.state === 'loading') this.changed.fire(uri);
    };
    if (wait <= 0) redraw();
    else this.redraws.set(key, setTimeout(redraw, wait));
  }

  private async source(ref: LogRef): Promise<LogSource> {
    if (this.sourceFor) return this.sourceFor(ref);
    const entry = this.deps.store.get(ref.profileId);
    if (!entry) throw new Error(`the connection "${ref.profileId}" no longer exists.`);
    return clientLogSource(await this.deps.clients.client(entry), ref);
  }

  private stop(key: string): void {
    const session = this.sessions.get(key);
    if (!session) return;
    const wasFollowing = session.following;
    session.dispose();
    this.sessions.delete(key);
    clearTimeout(this.redraws.get(key));
    this.redraws.delete(key);
    this.lastRedraw.delete(key);
    this.shown.delete(key);
    if (wasFollowing) {
      this.deps.log.info(`Stopped following ${refLabel(decodeLogUri({ query: key })!)}: its tab was closed`);
      this.followChanged.fire();
    }
  }

  private dropClosedTabs(): void {
    const open = new Set<string>();
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        const key = tab.input instanceof vscode.TabInputText ? this.keyOf(tab.input.uri) : undefined;
        if (key) open.add(key);
      }
    }
    for (const key of [...this.sessions.keys()]) {
      if (open.has(key)) this.shown.add(key);
      else if (this.shown.has(key)) this.release(key);
    }
    // A tab that shows a kept document again (as Reopen Closed Editor makes) reads its log afresh.
    for (const [key, uri] of [...this.released]) if (open.has(key)) void this.reopen(uri);
  }

  /**
   * Stops a closed tab's session. VS Code may keep its document for minutes, every line of it in
   * this host (a heap snapshot after a full collection still held them all): it is emptied to a
   * line saying so.
   */
  private release(key: string): void {
    this.stop(key);
    const doc = vscode.workspace.textDocuments.find((d) => this.keyOf(d.uri) === key);
    if (!doc) return;
    this.released.set(key, doc.uri);
    this.changed.fire(doc.uri);
  }
}
