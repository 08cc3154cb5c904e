// The explorer's tree data: DAGs -> runs -> task instances -> tries, cached per node id, paged.
import * as vscode from 'vscode';
import {
  FINAL_RUN_STATES,
  isFinalTaskState,
  unsupportedMessage,
  webUiRoot,
  type AirflowClient,
  type Dag,
} from '../../airflow';
import type { ClientFactory } from '../../connection/clientFactory';
import type { ProfileStore } from '../../profiles/profileStore';
import type { ExplorerState } from './explorerState';
import { appendDagPage, firstDagPage, PAGE, type Current, type DagListState } from './dagList';
import { isEmpty, toServerFilter } from './filters';
import { Generation, StaleLoadError } from './generation';
import { LiveRefresh } from './liveRefresh';
import type { Node } from './nodes';
import { DagStructures } from './dagStructures';
import { loadRunTasks, taskRows, type Keep } from './runTasks';
import { toTreeItem } from './treeItems';

/**
 * The tree of the active profile. Each expansion costs one request (plus paging); DAG run-state
 * icons come from one batch request per page of DAGs. Non-final nodes are reloaded by `live`.
 */
export class ExplorerProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly live = new LiveRefresh({
    node: (id) => this.nodes.get(id),
    parentId: (id) => this.parents.get(id),
    loading: (id) => this.inFlight.has(id),
    reload: (node) => this.fire(node),
  });
  readonly onDidFinishRun = this.live.onDidFinishRun;
  /** Each DAG version's task structure (groups' order), read once for all its runs. */
  readonly structures = new DagStructures();
  private readonly nodes = new Map<string, Node>();
  private readonly parents = new Map<string, string>();
  private nodesProfile: string | undefined;
  /** Bumped by refresh(): every load checks its awaited results against it, so an overtaken one writes nothing. */
  private readonly generation = new Generation();
  private dagList: DagListState | undefined;
  /** How many runs each DAG (by id) shows; "Load more" raises it. */
  private readonly runLimits = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<Node[]>>();
  private readonly subscription: vscode.Disposable;
  private view: vscode.TreeView<Node> | undefined;

  constructor(
    private readonly store: ProfileStore,
    private readonly clients: ClientFactory,
    private readonly state: ExplorerState,
  ) {
    this.subscription = state.onDidChange(() => this.refresh());
  }

  dispose(): void {
    this.subscription.dispose();
    this.live.dispose();
    this.changed.dispose();
  }

  attach(view: vscode.TreeView<Node>): vscode.Disposable {
    this.view = view;
    return this.live.attach(view);
  }

  /** The view showing this tree (to reveal a node), once attached. */
  get treeView(): vscode.TreeView<Node> | undefined {
    return this.view;
  }

  /** The node with this id, if the tree has shown it (ids start with the profile id). */
  node(id: string): Node | undefined {
    return this.nodes.get(id);
  }

  /**
   * The DAG list the tree last loaded for the active profile (possibly filtered, so a DAG missing
   * from it is not proof that the server lacks it), for others to reuse while it is fresh.
   */
  cachedDagList(): (Readonly<DagListState> & { profileId: string }) | undefined {
    const profileId = this.store.active()?.profile.id;
    return this.dagList && profileId && profileId === this.dagList.profileId
      ? { ...this.dagList, profileId }
      : undefined;
  }

  /** Reloads everything (profile switch, filter change, the refresh button). */
  refresh(): void {
    const profile = this.store.active()?.profile.id;
    const switched = profile !== this.nodesProfile;
    if (switched) {
      // Nodes of another profile must never be fired again: the tree no longer knows them.
      this.nodes.clear();
      this.parents.clear();
      this.nodesProfile = profile;
    }
    this.generation.bump();
    this.inFlight.clear();
    // Where runs carry no DAG version (2.x) the refresh button is how a changed DAG is read again.
    this.structures.clear();
    this.dagList = undefined;
    this.runLimits.clear();
    this.live.reset(switched);
    this.changed.fire(undefined);
  }

  /** Reloads one node and what is expanded under it. */
  refreshNode(node: Node): void {
    if (node.kind === 'dag') this.runLimits.delete(node.dag.dagId);
    this.fire(node);
  }

  /**
   * After an action changed a DAG (pause) or its runs (trigger, clear, mark, delete): redraws the
   * DAG and reloads its runs (expanded runs reload their tasks, live ones are followed again);
   * the whole tree when the DAG is not loaded or the filter may now hide it.
   */
  changedDag(dagId: string, updated?: Dag): void {
    const node = this.node(`${this.store.active()?.profile.id}/dag/${dagId}`);
    const filter = this.state.filter();
    if (node?.kind !== 'dag' || (updated && filter.paused !== undefined && filter.paused !== updated.isPaused))
      return this.refresh();
    if (updated) {
      node.dag = updated;
      const list = this.dagList?.dags;
      const i = list?.findIndex((d) => d.dagId === dagId) ?? -1;
      if (list && i >= 0) list[i] = updated;
    }
    this.refreshNode(node);
  }

  /** Fires a change for a node the tree still shows (same object, active profile). */
  private fire(node: Node): void {
    if (this.nodes.get(node.id) !== node || !node.id.startsWith(`${this.store.active()?.profile.id}/`)) return;
    this.changed.fire(node);
  }

  /** Shows the next page under `node`'s parent (or of DAGs). */
  async loadMore(node: Extract<Node, { kind: 'loadMore' }>): Promise<void> {
    const parent = node.parent;
    if (parent?.kind === 'dag') {
      const limit = this.runLimits.get(parent.dag.dagId);
      if (limit !== undefined) this.runLimits.set(parent.dag.dagId, limit + runsPerPage());
      this.fire(parent);
      return;
    }
    const entry = this.store.active();
    const list = this.dagList;
    if (!entry || !list) return;
    const ticket = this.generation.ticket();
    const current: Current = (work) => this.generation.check(ticket, work);
    try {
      const client = await current(this.clients.client(entry));
      await appendDagPage(client, list, toServerFilter(this.state.filter()), current);
    } catch (err) {
      // An overtaken page belongs to a list the tree no longer shows; a failure is shown under the list.
      if (err instanceof StaleLoadError) return;
      list.moreError = err instanceof Error ? err.message : String(err);
    }
    this.changed.fire(undefined);
  }

  // --- TreeDataProvider

  getTreeItem(node: Node): vscode.TreeItem {
    const entry = this.store.active();
    return toTreeItem(node, entry && webUiRoot(entry.profile.url, entry.profile.webUrl));
  }

  getParent(node: Node): Node | undefined {
    const parentId = this.parents.get(node.id);
    return parentId ? this.nodes.get(parentId) : undefined;
  }

  getChildren(node?: Node): Promise<Node[]> {
    const key = node?.id ?? 'root';
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const ticket = this.generation.ticket();
    const work: Promise<Node[]> = this.load(node, ticket)
      .then((children) => {
        if (node) for (const child of children) this.parents.set(child.id, node.id);
        return children;
      })
      .catch((err: unknown) => {
        if (!(err instanceof StaleLoadError)) throw err;
        // Overtaken (profile switch, filter change, refresh): answer with what the tree holds now.
        const stillShown =
          !node || (this.nodes.get(node.id) === node && node.id.startsWith(`${this.store.active()?.profile.id}/`));
        return stillShown ? this.getChildren(node) : [];
      })
      .finally(() => {
        if (this.inFlight.get(key) === work) this.inFlight.delete(key);
      });
    this.inFlight.set(key, work);
    return work;
  }

  /** A node's children; every awaited result passes `current`, which throws StaleLoadError once a refresh overtook this load. */
  private async load(node: Node | undefined, ticket: number): Promise<Node[]> {
    const entry = this.store.active();
    if (!entry) {
      const text = 'No active connection: run "Airflow: Switch Connection" to choose one';
      return this.store.list().length ? [this.keep({ kind: 'message', id: 'none/pick', text, icon: 'info' })] : [];
    }
    const prefix = entry.profile.id;
    const current: Current = (work) => this.generation.check(ticket, work);
    try {
      const client = await current(this.clients.client(entry));
      if (!node) return await this.loadRoot(client, prefix, current);
      switch (node.kind) {
        case 'importErrors':
          return node.errors.map((error) =>
            this.keep({ kind: 'importError', id: `${prefix}/importError/${error.id}`, error }),
          );
        case 'dag':
          return await this.loadRuns(client, node, prefix, current);
        case 'run':
          return await this.loadTaskInstances(client, node, prefix, current);
        case 'mapped':
          return node.tis.map((ti) => this.keep({ kind: 'task', id: `${node.id}/${ti.mapIndex}`, ti }));
        case 'group':
          return taskRows(node.entries, node.runNodeId, node, this.keepNode, node.groupId);
        case 'task': {
          if (!client.features.taskTries) {
            // An older Airflow (2.9) cannot list tries: say so under the task, not as an error to retry.
            const text = unsupportedMessage(client.serverVersion, 'taskTries');
            return [
              this.keep({
                kind: 'message',
                id: `${node.id}/tries/unsupported`,
                text: `${text} Open Log of Try… opens any try by its number.`,
                icon: 'info',
              }),
            ];
          }
          const tries = await current(
            client.listTries({
              dagId: node.ti.dagId,
              runId: node.ti.runId,
              taskId: node.ti.taskId,
              mapIndex: node.ti.mapIndex,
            }),
          );
          return tries.reverse().map((ti) => this.keep({ kind: 'try', id: `${node.id}/try/${ti.tryNumber}`, ti }));
        }
        default:
          return [];
      }
    } catch (err) {
      if (err instanceof StaleLoadError) throw err;
      const message = err instanceof Error ? err.message : String(err);
      const what = node ? 'Could not load' : `Cannot list DAGs of ${entry.profile.name}`;
      return [
        this.keep({
          kind: 'message',
          id: `${node?.id ?? prefix}/error`,
          text: `${what}: ${message}`,
          detail: message,
          icon: 'error',
          retry: node ?? 'root',
        }),
      ];
    }
  }

  private async loadRoot(client: AirflowClient, prefix: string, current: Current): Promise<Node[]> {
    const filter = this.state.filter();
    const favorites = this.state.favorites();
    this.dagList ??= { ...(await firstDagPage(client, toServerFilter(filter), current)), profileId: prefix };
    const { latest, importErrors } = this.dagList;
    const page = { items: this.dagList.dags, total: this.dagList.total };
    let dags = page.items;
    if (filter.favoritesOnly) dags = dags.filter((d) => favorites.has(d.dagId));
    // A server that cannot filter on the last run's state sent every DAG of the page.
    if (filter.lastRunFailed && !client.features.lastRunStateFilter)
      dags = dags.filter((d) => latest.get(d.dagId)?.state === 'failed');
    const out: Node[] = [];
    if (importErrors.length)
      out.push(this.keep({ kind: 'importErrors', id: `${prefix}/importErrors`, errors: importErrors }));
    for (const dag of dags) {
      const node = this.keep({
        kind: 'dag',
        id: `${prefix}/dag/${dag.dagId}`,
        dag,
        latest: latest.get(dag.dagId),
        favorite: favorites.has(dag.dagId),
      });
      out.push(node);
    }
    if (page.items.length < page.total) {
      out.push(this.keep({ kind: 'loadMore', id: `${prefix}/dags/more`, shown: page.items.length, total: page.total }));
    }
    const moreError = this.dagList.moreError;
    if (moreError)
      out.push(
        this.keep({
          kind: 'message',
          id: `${prefix}/dags/more/error`,
          text: `Could not load more DAGs: ${moreError}`,
          detail: moreError,
          icon: 'error',
        }),
      );
    if (dags.length === 0) {
      const text = isEmpty(filter) ? 'No DAGs in this deployment' : 'No DAG matches the filter';
      out.push(this.keep({ kind: 'message', id: `${prefix}/empty`, text, icon: 'info', retry: 'root' }));
    }
    return out;
  }

  private async loadRuns(
    client: AirflowClient,
    node: Extract<Node, { kind: 'dag' }>,
    prefix: string,
    current: Current,
  ): Promise<Node[]> {
    const dagId = node.dag.dagId;
    const limit = this.runLimits.get(dagId) ?? runsPerPage();
    const page = await current(client.listDagRuns(dagId, {}, { limit: Math.min(limit, PAGE) }));
    let runs = page.items;
    // Beyond one page: the rest in further pages of the server's maximum.
    while (runs.length < Math.min(limit, page.total)) {
      const more = await current(
        client.listDagRuns(dagId, {}, { limit: Math.min(PAGE, limit - runs.length), offset: runs.length }),
      );
      if (more.items.length === 0) break;
      runs = runs.concat(more.items);
    }
    this.runLimits.set(dagId, limit);
    const hasLive = runs.some((r) => !FINAL_RUN_STATES.has(r.state));
    this.live.setLive(node.id, hasLive);
    // The DAG's icon follows its newest run.
    if (runs[0] && (node.latest?.runId !== runs[0].runId || node.latest?.state !== runs[0].state)) {
      node.latest = runs[0];
      setTimeout(() => this.fire(node), 0);
    }
    const out: Node[] = runs.map((run) => {
      const id = `${prefix}/dag/${dagId}/run/${run.runId}`;
      this.live.saw(prefix, id, run);
      return this.keep({ kind: 'run', id, run });
    });
    if (runs.length < page.total)
      out.push(
        this.keep({ kind: 'loadMore', id: `${node.id}/more`, parent: node, shown: runs.length, total: page.total }),
      );
    if (runs.length === 0)
      out.push(this.keep({ kind: 'message', id: `${node.id}/empty`, text: 'No runs yet', icon: 'info' }));
    return out;
  }

  /** A run's task instances in their task groups, in run order (the DAG's structure read once per DAG version). */
  private async loadTaskInstances(
    client: AirflowClient,
    node: Extract<Node, { kind: 'run' }>,
    prefix: string,
    current: Current,
  ): Promise<Node[]> {
    const { tis, entries } = await loadRunTasks(client, this.structures, prefix, node.run, current);
    this.live.setLive(node.id, !FINAL_RUN_STATES.has(node.run.state) || tis.some((t) => !isFinalTaskState(t.state)));
    if (entries.length === 0)
      return [this.keep({ kind: 'message', id: `${node.id}/empty`, text: 'No task instances yet', icon: 'info' })];
    return taskRows(entries, node.id, node.run, this.keepNode);
  }

  private readonly keepNode: Keep = (fresh) => this.keep(fresh);

  /** Reuses the node object with this id so refreshing it in place works. */
  private keep<T extends Node>(fresh: T): T {
    const existing = this.nodes.get(fresh.id);
    if (existing && existing.kind === fresh.kind) {
      Object.assign(existing, fresh);
      return existing as T;
    }
    this.nodes.set(fresh.id, fresh);
    return fresh;
  }
}

function runsPerPage(): number {
  return Math.max(1, vscode.workspace.getConfiguration('airflow').get<number>('runsPerPage', 25));
}
