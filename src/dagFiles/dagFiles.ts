// The DAG files open in the editor and the deployed DAGs they define: one batched lookup per refresh, shared by the lenses and the Problems panel.
import * as vscode from 'vscode';
import { isAirflowError, type Dag } from '../airflow';
import type { Services } from '../services';
import { findDagDefinitions, mightDefineDags, type DagDefinition } from './dagIds';
import { deployState } from './lensText';
import { ImportProblems } from './importProblems';
import { localPath, sameFile, type LocalPath } from './paths';
import { ServerSources, type SourceEntry } from './serverSources';
import type { DagFileEntry, Snapshot } from './snapshot';

type Deps = Pick<Services, 'store' | 'clients' | 'explorer' | 'log'>;
export type { DagFileEntry, Snapshot };

export class DagFiles implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when lenses should be asked for again. */
  readonly onDidChange = this.changed.event;
  readonly problems = new ImportProblems((uri) => this.localPathOf(uri));
  private snapshot: Snapshot | undefined;
  private readonly sources = new ServerSources();
  private readonly parsed = new Map<string, { version: number; defs: DagDefinition[]; candidate: boolean }>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** When each file was last saved in this window. */
  private readonly savedAt = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private forceSources = false;
  /** DAG lookups sent so far (one per refresh that asked the server), for tests. */
  lookups = 0;
  /** Refreshes done so far (of the DAG files on screen), for tests. */
  refreshes = 0;
  /** The next refresh asks the server even if the last answer is fresh (Refresh, the timer). */
  private forceLookup = false;

  constructor(private readonly s: Deps) {
    this.subscriptions.push(
      this.changed,
      this.problems,
      vscode.window.onDidChangeVisibleTextEditors(() => this.schedule()),
      vscode.window.onDidChangeWindowState((w) => (w.focused ? this.schedule() : this.stopTimer())),
      vscode.workspace.onDidSaveTextDocument((doc) => this.saved(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.parsed.delete(doc.uri.toString());
        this.savedAt.delete(doc.uri.toString());
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // Unsaved edits change the deploy state; other documents (a followed log) do not.
        if (e.document.languageId === 'python' && this.isVisible(e.document)) this.changed.fire();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('airflow.dagsFolder') || e.affectsConfiguration('airflow.autoRefreshSeconds'))
          this.refresh(true);
      }),
      s.store.onDidChange(() => {
        this.snapshot = undefined;
        this.problems.clear();
        this.changed.fire();
        this.schedule();
      }),
    );
  }

  dispose(): void {
    this.stopTimer();
    clearTimeout(this.debounce);
    this.debounce = undefined;
    for (const d of this.subscriptions) d.dispose();
  }

  /** The DAGs a document defines (cached per version), and whether Airflow would parse it at all. */
  definitions(doc: vscode.TextDocument): { defs: DagDefinition[]; candidate: boolean } {
    const key = doc.uri.toString();
    const hit = this.parsed.get(key);
    if (hit?.version === doc.version) return hit;
    const text = doc.getText();
    const candidate = mightDefineDags(text);
    const entry = { version: doc.version, defs: candidate ? findDagDefinitions(text) : [], candidate };
    this.parsed.set(key, entry);
    return entry;
  }

  /** What the lenses of `doc` show; undefined when no connection is active. */
  entries(doc: vscode.TextDocument): { snapshot?: Snapshot; entries: DagFileEntry[] } {
    const { defs } = this.definitions(doc);
    const snap = this.snapshot;
    const local = this.localPathOf(doc.uri);
    return {
      snapshot: snap,
      entries: defs.map((def) => {
        const dag = snap?.dags.get(def.dagId);
        if (!snap || snap.error) return { def, status: 'unknown' };
        if (!dag)
          return {
            def,
            status: snap.missing.has(def.dagId) ? 'missing' : snap.unsettled.has(def.dagId) ? 'unsettled' : 'unknown',
          };
        const latest = snap.latest.get(def.dagId);
        if (!local || !dag.fileLocation || !sameFile(dag.fileLocation, local))
          return { def, status: 'elsewhere', dag, latest };
        const source = this.sources.get(snap.profileId, dag);
        const deploy = source && deployState(doc.getText(), source.text, this.localChangedAt(doc), source.changedAt);
        return { def, status: 'deployed', dag, latest, deploy };
      }),
    };
  }

  /** The server's source of a DAG as last fetched (for the diff), fetching it when missing. */
  async serverSource(dagId: string): Promise<{ text: string; dag: Dag; profileName: string } | undefined> {
    const snap = this.snapshot;
    const dag = snap?.dags.get(dagId);
    if (!snap || !dag) return undefined;
    const source = this.sources.get(snap.profileId, dag) ?? (await this.fetchSource(snap.profileId, dag));
    return source && { text: source.text, dag, profileName: snap.profileName };
  }

  /** Looks again now; with `sources`, reads the DAG sources afresh too (the Refresh command, a settings change). */
  refresh(sources = false): void {
    if (sources) this.forceSources = true;
    this.forceLookup = true;
    this.problems.forgetSearches();
    this.schedule(0);
  }

  // --- the refresh loop

  /** Coalesces bursts (editors opening, saves) into one refresh. */
  private schedule(delayMs = 150): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      void this.run();
    }, delayMs);
  }

  /** Resolves once no refresh is waiting or under way (tests count requests after it). */
  async idle(): Promise<void> {
    while (this.debounce || this.running) await (this.running ?? new Promise((r) => setTimeout(r, 50)));
  }

  private run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.refreshNow()
      .catch((err: unknown) =>
        this.s.log.error(`DAG files: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
      )
      .finally(() => {
        this.running = undefined;
        this.refreshes++;
        if (this.again) {
          this.again = false;
          void this.run();
        } else {
          this.armTimer();
        }
      });
    return this.running;
  }

  private intervalMs(): number {
    return Math.max(1, vscode.workspace.getConfiguration('airflow').get<number>('autoRefreshSeconds', 5)) * 1000;
  }

  /** Polls on the tree's cadence while a DAG file is visible and the window has focus; otherwise not at all. */
  private armTimer(): void {
    this.stopTimer();
    if (!vscode.window.state.focused || this.visibleDagDocs().length === 0 || !this.s.store.active()) return;
    this.timer = setTimeout(() => {
      this.forceLookup = true;
      void this.run();
    }, this.intervalMs());
  }

  private stopTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private isVisible(doc: vscode.TextDocument): boolean {
    return vscode.window.visibleTextEditors.some((e) => e.document === doc);
  }

  /** Python files of a workspace folder (inside `airflow.dagsFolder` when set), on screen, that Airflow would parse. */
  private visibleDagDocs(): vscode.TextDocument[] {
    const docs = new Set(vscode.window.visibleTextEditors.map((e) => e.document));
    return [...docs].filter(
      (d) =>
        d.languageId === 'python' &&
        d.uri.scheme === 'file' &&
        this.localPathOf(d.uri) &&
        this.definitions(d).candidate,
    );
  }

  private async refreshNow(): Promise<void> {
    const docs = this.visibleDagDocs();
    const entry = this.s.store.active();
    // No DAG file on screen, or nothing to ask: no request at all.
    if (docs.length === 0 || !entry) return;
    const profileId = entry.profile.id;
    const ids = [...new Set(docs.flatMap((d) => this.definitions(d).defs.map((x) => x.dagId)))];
    const forceSources = this.forceSources;
    const forceLookup = this.forceLookup;
    this.forceSources = this.forceLookup = false;
    const previous = this.snapshot?.profileId === profileId ? this.snapshot : undefined;
    if (
      !forceLookup &&
      previous &&
      !previous.error &&
      Date.now() - previous.takenAt < this.intervalMs() &&
      ids.every((id) => previous.dags.has(id) || previous.missing.has(id))
    ) {
      // Switching tabs or windows within the refresh interval: the last answer still holds.
      await this.fetchSources(docs, previous, forceSources);
      this.changed.fire();
      return;
    }
    const snap: Snapshot = {
      profileId,
      profileName: entry.profile.name,
      dags: new Map(),
      missing: new Set(),
      unsettled: new Set(),
      latest: new Map(),
      importErrors: previous?.importErrors ?? [],
      takenAt: Date.now(),
    };
    try {
      const client = await this.s.clients.client(entry);
      // The tree's list, when it is this connection's and fresh, answers without a request.
      const cache = this.s.explorer.cachedDagList();
      const fresh =
        cache && cache.profileId === profileId && Date.now() - cache.loadedAt < this.intervalMs() ? cache : undefined;
      const fromCache = new Set<string>();
      for (const id of ids) {
        const dag = fresh?.dags.find((d) => d.dagId === id);
        if (dag) {
          snap.dags.set(id, dag);
          fromCache.add(id);
          const run = fresh?.latest.get(id);
          if (run) snap.latest.set(id, run);
        }
      }
      const rest = ids.filter((id) => !fromCache.has(id));
      const [lookup, importErrors] = await Promise.all([
        rest.length ? (this.lookups++, client.findDags(rest)) : undefined,
        fresh
          ? fresh.importErrors
          : client.listImportErrors().catch((err: unknown) => {
              this.s.log.warn(`DAG files: could not read import errors: ${String(err)}`);
              return previous?.importErrors ?? [];
            }),
      ]);
      snap.importErrors = importErrors;
      for (const [id, dag] of lookup?.found ?? []) snap.dags.set(id, dag);
      for (const id of lookup?.missing ?? []) snap.missing.add(id);
      for (const id of lookup?.unsettled ?? []) snap.unsettled.add(id);
      // The newest run of each DAG found outside the tree's cache, in one request.
      const needRuns = [...snap.dags.keys()].filter((id) => !fromCache.has(id));
      if (needRuns.length) {
        const page = await client.listRunsOfDags(needRuns, { limit: 100 });
        for (const run of page.items) if (!snap.latest.has(run.dagId)) snap.latest.set(run.dagId, run);
      }
      // A connection switch while this was under way: what it learnt belongs to the other server.
      if (this.s.store.active()?.profile.id !== profileId) return;
      this.snapshot = snap;
      await this.fetchSources(docs, snap, forceSources);
    } catch (err) {
      snap.error = err instanceof Error ? err.message : String(err);
      if (!isAirflowError(err)) throw err;
      this.s.log.warn(`DAG files: ${snap.error}`);
      if (this.s.store.active()?.profile.id !== profileId) return;
      this.snapshot = snap;
    }
    if (!snap.error) await this.problems.update(snap.importErrors, snap.profileName);
    this.changed.fire();
  }

  /** The sources of the DAGs whose file is on screen, each once per file token (again after a save or refresh). */
  private async fetchSources(docs: vscode.TextDocument[], snap: Snapshot, force: boolean): Promise<void> {
    const wanted = new Map<string, Dag>();
    for (const doc of docs) {
      const local = this.localPathOf(doc.uri);
      for (const def of this.definitions(doc).defs) {
        const dag = snap.dags.get(def.dagId);
        if (dag && local && dag.fileLocation && sameFile(dag.fileLocation, local)) wanted.set(dag.dagId, dag);
      }
    }
    for (const dag of wanted.values()) {
      if (force || !this.sources.has(snap.profileId, dag)) await this.fetchSource(snap.profileId, dag);
    }
  }

  private async fetchSource(profileId: string, dag: Dag): Promise<SourceEntry | undefined> {
    const entry = this.s.store.get(profileId);
    return entry && this.sources.read(await this.s.clients.client(entry), profileId, dag);
  }

  /** A save is a local change, and the moment to ask the server for its source again. */
  private saved(doc: vscode.TextDocument): void {
    if (doc.languageId !== 'python' || !this.isVisible(doc)) return;
    this.savedAt.set(doc.uri.toString(), Date.now());
    const snap = this.snapshot;
    if (snap) {
      for (const def of this.definitions(doc).defs) {
        const dag = snap.dags.get(def.dagId);
        if (dag) this.sources.forget(snap.profileId, dag);
      }
    }
    this.schedule(0);
  }

  /** When the file last changed as far as this window knows: unsaved edits are now; else its last save here. */
  private localChangedAt(doc: vscode.TextDocument): number {
    if (doc.isDirty) return Date.now();
    return this.savedAt.get(doc.uri.toString()) ?? 0;
  }

  /** The file's path as the matcher sees it, honouring `airflow.dagsFolder` of its workspace folder. */
  localPathOf(uri: vscode.Uri): LocalPath | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || uri.scheme !== 'file') return undefined;
    const setting = vscode.workspace.getConfiguration('airflow', folder.uri).get<string>('dagsFolder', '');
    return localPath(uri.fsPath, folder.uri.fsPath, setting);
  }
}
