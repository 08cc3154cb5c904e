// What the explorer offers other features (commands, the DAG files, the run-finished message, a trigger): read its nodes, tell it what changed.
import type * as vscode from 'vscode';
import type { Dag, DagRun } from '../../airflow';
import type { DagListState } from './dagList';
import type { Node } from './nodes';

/** The DAG list the tree last loaded, with the profile it was loaded for. */
export type CachedDagList = Readonly<DagListState> & { profileId: string };

export interface ExplorerApi {
  /** The view showing this tree (to reveal a node), once attached. */
  readonly treeView: vscode.TreeView<Node> | undefined;
  /** A run that was shown unfinished reached a final state. */
  readonly onDidFinishRun: vscode.Event<{ profileId: string; run: DagRun }>;
  /** The node with this id (nodeIds.ts builds them), if the tree has shown it. */
  node(id: string): Node | undefined;
  /** A node's children, loading them (or sharing the load under way), as the tree would. */
  getChildren(node?: Node): Promise<Node[]>;
  /**
   * The DAG list the tree last loaded for the active profile (possibly filtered, so a DAG missing
   * from it is not proof that the server lacks it), for others to reuse while it is fresh.
   */
  cachedDagList(): CachedDagList | undefined;
  /** Reloads everything (profile switch, filter change, the refresh button). */
  refresh(): void;
  /** Reloads one node and what is expanded under it. */
  refreshNode(node: Node): void;
  /** Shows the next page under `node`'s parent (or of DAGs). */
  loadMore(node: Extract<Node, { kind: 'loadMore' }>): Promise<void>;
  /**
   * After an action changed a DAG (pause) or its runs (trigger, clear, mark, delete): redraws the
   * DAG and reloads its runs (expanded runs reload their tasks, live ones are followed again);
   * the whole tree when the DAG is not loaded or the filter may now hide it.
   */
  changedDag(dagId: string, updated?: Dag): void;
}
