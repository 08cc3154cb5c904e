// The DAG files open in the editor and the deployed DAGs they define: one batched lookup per refresh, shared by the lenses and the Problems panel.
import * as vscode from 'vscode';
import { isAirflowError, type Dag } from '../airflow';
import type { ClientFactory } from '../connection/clientFactory';
import type { ProfileStore } from '../profiles/profileStore';
import type { DagDefinition } from './dagIds';
import { followDagFileEvents } from './dagFileEvents';
import { lookUpDags, type DagListCache } from './dagLookup';
import { DeployedSources } from './deployedSources';
import { ImportProblems } from './importProblems';
import { lensEntries } from './lensEntries';
import { ParseCache } from './parseCache';
import type { LocalPath } from './paths';
import { RefreshCounts } from './refreshCounts';
import { RefreshScheduler } from './refreshScheduler';
import type { DagFileEntry, Snapshot } from './snapshot';
import { localPathOf } from './workspacePaths';

export type { DagFileEntry, Snapshot };

/** What the DAG files need from the rest of the extension (declared here, so they import nothing of services.ts). */
export interface DagFilesDeps {
  store: Pick<ProfileStore, 'onDidChange' | 'active' | 'get'>;
  clients: Pick<ClientFactory, 'client'>;
  /** The explorer's DAG list, reused while it is fresh. */
  explorer: { cachedDagList(): DagListCache | undefined };
  log: vscode.LogOutputChannel;
}

export class DagFiles implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when lenses should be asked for again. */
  readonly onDidChange = this.changed.event;
  readonly problems = new ImportProblems((uri) => this.localPathOf(uri));
  /** What the refreshes did, for the VS Code suites (through the test hooks). */
  readonly counts = new RefreshCounts();
  private snapshot: Snapshot | undefined;
  private readonly parsed = new ParseCache();
  private readonly sources: DeployedSources;
  private readonly scheduler: RefreshScheduler;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly s: DagFilesDeps) {
    this.sources = new DeployedSources(
      (profileId) => {
        const entry = s.store.get(profileId);
        return entry && s.clients.client(entry);
      },
      (uri) => this.localPathOf(uri),
      (doc) => this.definitions(doc),
    );
    this.scheduler = new RefreshScheduler(
      {
        refresh: () => this.refreshNow(),
        failed: (err) => s.log.error(`DAG files: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
        worthPolling: () => this.visibleDagDocs().length > 0 && !!s.store.active(),
      },
      this.counts,
    );
    this.subscriptions.push(
      this.changed,
      this.problems,
      ...followDagFileEvents(s.store.onDidChange, {
        editorsChanged: () => this.scheduler.schedule(),
        focusChanged: (focused) => (focused ? this.scheduler.schedule() : this.scheduler.stopTimer()),
        saved: (doc) => this.saved(doc),
        closed: (doc) => {
          this.parsed.forget(doc.uri);
          this.sources.closed(doc.uri);
        },
        // Unsaved edits change the deploy state; other documents (a followed log) do not.
        edited: (doc) => {
          if (doc.languageId === 'python' && this.isVisible(doc)) this.changed.fire();
        },
        settingsChanged: () => this.refresh(true),
        connectionChanged: () => {
          this.snapshot = undefined;
          this.problems.clear();
          this.changed.fire();
          this.scheduler.schedule();
        },
      }),
    );
  }

  dispose(): void {
    this.scheduler.dispose();
    for (const d of this.subscriptions) d.dispose();
  }

  /** The DAGs a document defines (cached per version), and whether Airflow would parse it at all. */
  definitions(doc: vscode.TextDocument): { defs: DagDefinition[]; candidate: boolean } {
    return this.parsed.definitions(doc);
  }

  /** What the lenses of `doc` show; undefined when no connection is active. */
  entries(doc: vscode.TextDocument): { snapshot?: Snapshot; entries: DagFileEntry[] } {
    const { defs } = this.definitions(doc);
    const snap = this.snapshot;
    const local = this.localPathOf(doc.uri);
    return { snapshot: snap, entries: lensEntries(doc, defs, snap, local, this.sources) };
  }

  /** The server's source of a DAG as last fetched (for the diff), fetching it when missing. */
  async serverSource(dagId: string): Promise<{ text: string; dag: Dag; profileName: string } | undefined> {
    const snap = this.snapshot;
    const dag = snap?.dags.get(dagId);
    if (!snap || !dag) return undefined;
    const source = this.sources.get(snap.profileId, dag) ?? (await this.sources.fetch(snap.profileId, dag));
    return source && { text: source.text, dag, profileName: snap.profileName };
  }

  /** Looks again now; with `sources`, reads the DAG sources afresh too (the Refresh command, a settings change). */
  refresh(sources = false): void {
    this.scheduler.force(sources);
    this.problems.forgetSearches();
    this.scheduler.schedule(0);
  }

  /** Resolves once no refresh is waiting or under way (tests count requests after it). */
  idle(): Promise<void> {
    return this.scheduler.idle();
  }

  /** The file's path as the matcher sees it, honouring `airflow.dagsFolder` of its workspace folder. */
  localPathOf(uri: vscode.Uri): LocalPath | undefined {
    return localPathOf(uri);
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

  /** One refresh: the snapshot of the DAGs on screen (or the last one, while fresh), their sources, the Problems. */
  private async refreshNow(): Promise<void> {
    const docs = this.visibleDagDocs();
    const entry = this.s.store.active();
    // No DAG file on screen, or nothing to ask: no request at all.
    if (docs.length === 0 || !entry) return;
    const profileId = entry.profile.id;
    const ids = [...new Set(docs.flatMap((d) => this.definitions(d).defs.map((x) => x.dagId)))];
    const forced = this.scheduler.takeForced();
    const previous = this.snapshot?.profileId === profileId ? this.snapshot : undefined;
    if (
      !forced.lookup &&
      previous &&
      !previous.error &&
      Date.now() - previous.takenAt < this.scheduler.intervalMs() &&
      ids.every((id) => previous.dags.has(id) || previous.missing.has(id))
    ) {
      // Switching tabs or windows within the refresh interval: the last answer still holds.
      await this.sources.fetchFor(docs, previous, forced.sources);
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
      const cache = this.s.explorer.cachedDagList();
      const freshMs = this.scheduler.intervalMs();
      await lookUpDags(client, ids, snap, cache, freshMs, previous?.importErrors, this.s.log, this.counts);
      // A connection switch while this was under way: what it learnt belongs to the other server.
      if (this.s.store.active()?.profile.id !== profileId) return;
      this.snapshot = snap;
      await this.sources.fetchFor(docs, snap, forced.sources);
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

  /** A save is a local change, and the moment to ask the server for its source again. */
  private saved(doc: vscode.TextDocument): void {
    if (doc.languageId !== 'python' || !this.isVisible(doc)) return;
    this.sources.saved(doc, this.snapshot);
    this.scheduler.schedule(0);
  }
}
