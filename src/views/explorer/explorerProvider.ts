// The explorer's tree data provider: DAGs -> runs -> task instances -> tries, each node loaded by the loader of its kind.
import * as vscode from 'vscode';
import { webUiRoot, type Dag } from '../../airflow';
import type { ClientFactory } from '../../connection/clientFactory';
import type { ProfileStore } from '../../profiles/profileStore';
import type { CachedDagList, ExplorerApi } from './explorerApi';
import type { ExplorerState } from './explorerState';
import { appendDagPage } from './dagList';
import { toServerFilter } from './filters';
import { StaleLoadError } from './generation';
import { LiveRefresh } from './liveRefresh';
import { loadChildren, type TreeParts } from './loadChildren';
import { LoadsInFlight } from './loadsInFlight';
import { NodeCache } from './nodeCache';
import { nodeIds } from './nodeIds';
import type { Node } from './nodes';
import { DagStructures } from './dagStructures';
import { toTreeItem } from './treeItems';
import { TreePages } from './treePages';

/**
 * The tree of the active profile. Each expansion costs one request (plus paging); DAG run-state
 * icons come from one batch request per page of DAGs. Non-final nodes are reloaded by `live`.
 */
export class ExplorerProvider implements vscode.TreeDataProvider<Node>, ExplorerApi, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly live = new LiveRefresh({
    node: (id) => this.nodes.get(id),
    parentId: (id) => this.nodes.parentId(id),
    loading: (id) => this.loads.has(id),
    reload: (node) => this.fire(node),
  });
  readonly onDidFinishRun = this.live.onDidFinishRun;
  /** Each DAG version's task structure (groups' order), read once for all its runs. */
  readonly structures = new DagStructures();
  private readonly nodes = new NodeCache();
  /** The loads under way; a refresh overtakes them, so an overtaken one writes nothing. */
  private readonly loads = new LoadsInFlight();
  private readonly pages = new TreePages();
  private readonly parts: TreeParts;
  private readonly subscription: vscode.Disposable;
  private view: vscode.TreeView<Node> | undefined;

  constructor(
    private readonly store: ProfileStore,
    private readonly clients: ClientFactory,
    private readonly state: ExplorerState,
  ) {
    this.subscription = state.onDidChange(() => this.refresh());
    this.parts = {
      store,
      clients,
      state,
      pages: this.pages,
      structures: this.structures,
      live: this.live,
      keep: (fresh) => this.nodes.keep(fresh),
      redraw: (node) => this.fire(node),
    };
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

  get treeView(): vscode.TreeView<Node> | undefined {
    return this.view;
  }

  node(id: string): Node | undefined {
    return this.nodes.get(id);
  }

  cachedDagList(): CachedDagList | undefined {
    const profileId = this.store.active()?.profile.id;
    const list = this.pages.dagList;
    return list && profileId && profileId === list.profileId ? { ...list, profileId } : undefined;
  }

  refresh(): void {
    const switched = this.nodes.switchTo(this.store.active()?.profile.id);
    this.loads.overtakeAll();
    // Where runs carry no DAG version (2.x) the refresh button is how a changed DAG is read again.
    this.structures.clear();
    this.pages.clear();
    this.live.reset(switched);
    this.changed.fire(undefined);
  }

  refreshNode(node: Node): void {
    if (node.kind === 'dag') this.pages.forgetRuns(node.dag.dagId);
    this.fire(node);
  }

  changedDag(dagId: string, updated?: Dag): void {
    const profileId = this.store.active()?.profile.id;
    const node = profileId === undefined ? undefined : this.node(nodeIds.dag(profileId, dagId));
    const filter = this.state.filter();
    if (node?.kind !== 'dag' || (updated && filter.paused !== undefined && filter.paused !== updated.isPaused))
      return this.refresh();
    if (updated) {
      node.dag = updated;
      const list = this.pages.dagList?.dags;
      const i = list?.findIndex((d) => d.dagId === dagId) ?? -1;
      if (list && i >= 0) list[i] = updated;
    }
    this.refreshNode(node);
  }

  /** Fires a change for a node the tree still shows (same object, active profile). */
  private fire(node: Node): void {
    if (!this.nodes.isShown(node, this.store.active()?.profile.id)) return;
    this.changed.fire(node);
  }

  async loadMore(node: Extract<Node, { kind: 'loadMore' }>): Promise<void> {
    const parent = node.parent;
    if (parent?.kind === 'dag') {
      this.pages.moreRuns(parent.dag.dagId);
      this.fire(parent);
      return;
    }
    const entry = this.store.active();
    const list = this.pages.dagList;
    if (!entry || !list) return;
    const current = this.loads.current();
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
    const parentId = this.nodes.parentId(node.id);
    return parentId ? this.nodes.get(parentId) : undefined;
  }

  getChildren(node?: Node): Promise<Node[]> {
    return this.loads.children(
      node,
      (current) => loadChildren(this.parts, node, current),
      (children) => {
        if (node) for (const child of children) this.nodes.setParent(child.id, node.id);
      },
      () => (!node || this.nodes.isShown(node, this.store.active()?.profile.id) ? this.getChildren(node) : []),
    );
  }
}
