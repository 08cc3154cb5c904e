// Serves `airflow-log:` documents: one LogSession per open tab, followed while its task runs.
import * as vscode from 'vscode';
import { isAirflowError, taskLabel } from '../airflow';
import type { Services } from '../services';
import { clientLogSource } from './clientLogSource';
import { FULL_LOG_HINT, LogSession, type LogSource } from './logSession';
import { logTabMb } from './logText';
import { decodeLogUri, encodeLogUri, LOG_SCHEME, logKey, type LogRef } from './logUri';

type LogProviderDeps = Pick<Services, 'store' | 'clients' | 'log'>;

export const LOG_LANGUAGE = 'airflow-log';

export const SIZE_SETTING = 'airflow.logMaxSizeMB';
export const INTERVAL_SETTING = 'airflow.logFollowIntervalSeconds';
/**
 * The default for SIZE_SETTING. VS Code copies a tab's whole text between its processes, and that
 * copy freezes the extension host and grows its memory with the tab, not the log: measured with a
 * 50 MB log, a 16 MB tab froze it 100-150 ms and grew it up to 4.7x the log, an 8 MB one 73-84 ms
 * and 2-2.9x (medians, BENCHMARKS.md). 8 MB is ~70,000 lines, and the end, where a failure shows,
 * is always in it.
 */
export const DEFAULT_MAX_MB = 8;
/** How often a tab redraws while its log streams in. */
const PROGRESS_MS = 300;
const HAND_OVER_LATER_CHARS = 1024 * 1024;

/**
 * Resolves once timers and I/O waiting have had a turn: a timer, then an immediate (an immediate
 * alone, set while I/O is handled, runs before either).
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(() => setImmediate(resolve), 0));
}

export function logUri(ref: LogRef): vscode.Uri {
  return vscode.Uri.from({ scheme: LOG_SCHEME, ...encodeLogUri(ref) });
}

export function refOf(uri: vscode.Uri): LogRef | undefined {
  return uri.scheme === LOG_SCHEME ? decodeLogUri(uri) : undefined;
}

export function refLabel(ref: LogRef): string {
  return `${ref.dagId} › ${taskLabel(ref)} · run ${ref.runId} · try ${ref.tryNumber}`;
}

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
    // The document object in hand may have been replaced (a language change closes and reopens it):
    // look at the one open now, else a closed object would say "done" before its text was updated.
    const current = () =>
      doc.isClosed ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.uri.toString()) : doc;
    const shows = () => {
      const open = current();
      return this.session(doc.uri) !== session || !open || open.lineAt(0).text === session.header()[0];
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
      // The session's end fired a change (start()). One that reaches VS Code while it reopens the
      // document for its language can be lost, leaving the tab at "loading…": ask again, after
      // longer for a big text (whose change may simply still be on its way).
      const againMs = Math.max(3_000, session.text.charCount / 1_000);
      const again = setInterval(() => (shows() ? done() : this.changed.fire(doc.uri)), againMs);
      const timer = setTimeout(done, 30_000 + againMs);
    });
  }

  private start(ref: LogRef, uri: vscode.Uri): LogSession {
    const config = vscode.workspace.getConfiguration();
    const maxMb = logTabMb(config.get<unknown>(SIZE_SETTING), DEFAULT_MAX_MB);
    const intervalS = Math.max(1, config.get<number>(INTERVAL_SETTING, 3));
    // Each read asks for the profile's client afresh (its settings may have changed meanwhile).
    let last: LogSource | undefined;
    const current = async () => (last = await this.source(ref));
    const source: LogSource = {
      status: async () => (await current()).status(),
      read: async (token, sink, ended) => (await current()).read(token, sink, ended),
      get wholeFromStart() {
        return last?.wholeFromStart;
      },
    };
    const session = new LogSession(source, {
      label: `${taskLabel(ref)} try ${ref.tryNumber}`,
      taskLabel: taskLabel(ref),
      tryNumber: ref.tryNumber,
      maxChars: maxMb * 1024 * 1024,
      intervalMs: intervalS * 1000,
      sizeSetting: SIZE_SETTING,
      fullLogHint: FULL_LOG_HINT,
      onChange: () => {
        this.changed.fire(uri);
        if (!session.following) {
          this.deps.log.info(`Log ${refLabel(ref)}: ${session.state} (${session.reads} reads)`);
          this.followChanged.fire();
        }
      },
      onProgress: () => this.progress(uri),
      describeError: (err) => (isAirflowError(err) ? err.message : err instanceof Error ? err.message : String(err)),
    });
    this.deps.log.info(`Opening log ${refLabel(ref)}`);
    void session.loaded.then(() => {
      if (session.disposed) return;
      this.changed.fire(uri);
      this.deps.log.info(
        `Log ${refLabel(ref)}: ${session.state}, ${session.text.totalLines} lines in ${session.reads} reads`,
      );
      if (session.following) this.followChanged.fire();
    });
    return session;
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
