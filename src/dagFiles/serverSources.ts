// The deployed sources of DAGs, each read once per server file (token), and when this window saw one change. No `vscode` import.
import type { AirflowClient, Dag } from '../airflow';

export interface SourceEntry {
  text: string;
  /** When this window saw the server's source change between two reads (undefined: never seen changing). */
  changedAt?: number;
}

export class ServerSources {
  /** By `profile\0dag\0file\0token`: read once, again only after `forget` (a save) or a forced read (a refresh). */
  private readonly sources = new Map<string, SourceEntry>();
  /** The previous text per `profile\0dag`, to notice the server's source changing. */
  private readonly last = new Map<string, string>();

  get(profileId: string, dag: Dag): SourceEntry | undefined {
    return this.sources.get(key(profileId, dag));
  }

  has(profileId: string, dag: Dag): boolean {
    return this.sources.has(key(profileId, dag));
  }

  forget(profileId: string, dag: Dag): void {
    this.sources.delete(key(profileId, dag));
  }

  async read(client: AirflowClient, profileId: string, dag: Dag, now = Date.now): Promise<SourceEntry> {
    const text = await client.dagSource(dag);
    const k = key(profileId, dag);
    const before = this.last.get(`${profileId}\0${dag.dagId}`);
    const entry = { text, changedAt: before !== undefined && before !== text ? now() : this.sources.get(k)?.changedAt };
    this.sources.set(k, entry);
    this.last.set(`${profileId}\0${dag.dagId}`, text);
    return entry;
  }
}

function key(profileId: string, dag: Dag): string {
  return [profileId, dag.dagId, dag.fileLocation ?? '', dag.fileToken ?? ''].join('\0');
}
