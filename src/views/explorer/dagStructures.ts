// The task structure of each DAG version, read once and shared by every run of that version. No `vscode` import.
import type { Task } from '../../airflow';
import { dagStructure, type DagStructure } from './taskGroups';

interface Entry {
  structure: Promise<DagStructure | undefined>;
  /** Task ids a run showed that the structure lacked, already fetched again for. */
  rechecked: Set<string>;
}

/**
 * A cache of `DagStructure`s by key (profile, DAG and DAG version), so expanding another run of
 * the same version, or the live refresh of an expanded one, sends no request for it. A failed
 * read is kept as "no structure" (the tree falls back to another order) until `clear()`, so a
 * server that refuses the task list is not asked again on every refresh.
 */
export class DagStructures {
  private readonly entries = new Map<string, Entry>();
  private fetchCount = 0;

  /** How many task lists were requested since the start (tests count requests with it). */
  get fetches(): number {
    return this.fetchCount;
  }

  get(key: string, fetch: () => Promise<Task[]>): Promise<DagStructure | undefined> {
    let entry = this.entries.get(key);
    if (!entry) this.entries.set(key, (entry = { structure: this.read(fetch), rechecked: new Set() }));
    return entry.structure;
  }

  /**
   * A run listed tasks the cached structure does not know: where runs carry no DAG version (2.x)
   * the DAG may have changed since, so read it again, once for those task ids (a task removed
   * from the DAG stays unknown and is not asked about again).
   */
  async recheck(
    key: string,
    fetch: () => Promise<Task[]>,
    taskIds: readonly string[],
  ): Promise<DagStructure | undefined> {
    const entry = this.entries.get(key);
    const structure = await entry?.structure;
    if (!entry || !structure || this.entries.get(key) !== entry) return structure;
    const unknown = taskIds.filter((id) => !structure.rank.has(id) && !entry.rechecked.has(id));
    if (unknown.length === 0) return structure;
    for (const id of unknown) entry.rechecked.add(id);
    entry.structure = this.read(fetch);
    return entry.structure;
  }

  /** Forgets every structure (refresh, profile switch): the next expansion reads its DAG's again. */
  clear(): void {
    this.entries.clear();
  }

  private read(fetch: () => Promise<Task[]>): Promise<DagStructure | undefined> {
    this.fetchCount++;
    // Through a promise, so a request that throws at once is a failed read like any other.
    return Promise.resolve()
      .then(fetch)
      .then(dagStructure, () => undefined);
  }
}
