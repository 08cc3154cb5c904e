// The server's sources of the DAGs whose files are on screen, and when each file last changed in this window (for the deploy state).
import type * as vscode from 'vscode';
import type { AirflowClient, Dag } from '../airflow';
import type { DagDefinition } from './dagIds';
import { sameFile, type LocalPath } from './paths';
import { ServerSources, type SourceEntry } from './serverSources';
import type { Snapshot } from './snapshot';

/** What reading a source needs: the client of a profile, if that profile still exists. */
export type ClientOf = (profileId: string) => Promise<AirflowClient> | undefined;

export class DeployedSources {
  private readonly sources = new ServerSources();
  /** When each file was last saved in this window. */
  private readonly savedAt = new Map<string, number>();

  constructor(
    private readonly clientOf: ClientOf,
    private readonly localPathOf: (uri: vscode.Uri) => LocalPath | undefined,
    private readonly definitions: (doc: vscode.TextDocument) => { defs: DagDefinition[] },
  ) {}

  get(profileId: string, dag: Dag): SourceEntry | undefined {
    return this.sources.get(profileId, dag);
  }

  /** The sources of the DAGs whose file is on screen, each once per file token (again after a save or refresh). */
  async fetchFor(docs: vscode.TextDocument[], snap: Snapshot, force: boolean): Promise<void> {
    const wanted = new Map<string, Dag>();
    for (const doc of docs) {
      const local = this.localPathOf(doc.uri);
      for (const def of this.definitions(doc).defs) {
        const dag = snap.dags.get(def.dagId);
        if (dag && local && dag.fileLocation && sameFile(dag.fileLocation, local)) wanted.set(dag.dagId, dag);
      }
    }
    for (const dag of wanted.values()) {
      if (force || !this.sources.has(snap.profileId, dag)) await this.fetch(snap.profileId, dag);
    }
  }

  async fetch(profileId: string, dag: Dag): Promise<SourceEntry | undefined> {
    const client = this.clientOf(profileId);
    return client && this.sources.read(await client, profileId, dag);
  }

  /** A save is a local change, and the moment to ask the server for its source again. */
  saved(doc: vscode.TextDocument, snap: Snapshot | undefined): void {
    this.savedAt.set(doc.uri.toString(), Date.now());
    if (snap) {
      for (const def of this.definitions(doc).defs) {
        const dag = snap.dags.get(def.dagId);
        if (dag) this.sources.forget(snap.profileId, dag);
      }
    }
  }

  closed(uri: vscode.Uri): void {
    this.savedAt.delete(uri.toString());
  }

  /** When the file last changed as far as this window knows: unsaved edits are now; else its last save here. */
  localChangedAt(doc: vscode.TextDocument): number {
    if (doc.isDirty) return Date.now();
    return this.savedAt.get(doc.uri.toString()) ?? 0;
  }
}
