// Reloads the explorer's unfinished runs while the view is visible, and notices when a watched run ends.
import * as vscode from 'vscode';
import { FINAL_RUN_STATES, type DagRun } from '../../airflow';
import type { Node } from './nodes';

const INTERVAL_SETTING = 'airflow.autoRefreshSeconds';

/** What the live refresh needs from the tree: its nodes as they are now, and a way to reload one. */
export interface LiveTree {
  node(id: string): Node | undefined;
  parentId(id: string): string | undefined;
  /** True while the node's children are loading: a second reload would only repeat the request. */
  loading(id: string): boolean;
  reload(node: Node): void;
}

/**
 * One timer (`airflow.autoRefreshSeconds`) for every live node: a DAG whose shown runs are not
 * final, or an expanded run with unfinished task instances. The timer runs only while the view
 * is visible, the window has focus (as the health checks) and something is live, so an idle or
 * background window sends nothing.
 */
export class LiveRefresh implements vscode.Disposable {
  private readonly finished = new vscode.EventEmitter<{ profileId: string; run: DagRun }>();
  /** A run that was shown unfinished reached a final state (seen by the automatic refresh). */
  readonly onDidFinishRun = this.finished.event;
  /** Last state seen per run node id, to notice the moment a watched run ends. */
  private readonly seenStates = new Map<string, DagRun['state']>();
  /** Runs (by node id) that are expanded, and nodes whose content is not final. */
  private readonly expanded = new Set<string>();
  private readonly live = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** The view is visible and the window has focus: only then does the timer run. */
  private visible = false;

  constructor(private readonly tree: LiveTree) {}

  dispose(): void {
    this.stopTimer();
    this.finished.dispose();
  }

  attach(view: vscode.TreeView<Node>): vscode.Disposable {
    const update = () => {
      this.visible = view.visible && vscode.window.state.focused;
      if (this.visible) this.startTimer();
      else this.stopTimer();
    };
    update();
    return vscode.Disposable.from(
      view.onDidChangeVisibility(update),
      vscode.window.onDidChangeWindowState(update),
      view.onDidExpandElement((e) => this.expanded.add(e.element.id)),
      view.onDidCollapseElement((e) => this.expanded.delete(e.element.id)),
      // A timer started at the old interval would keep it (an hour, say) until nothing is live.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(INTERVAL_SETTING)) return;
        this.stopTimer();
        if (this.visible) this.startTimer();
      }),
    );
  }

  /** Everything reloads anyway (refresh); on a profile switch the expanded nodes are gone too. */
  reset(profileChanged: boolean): void {
    this.live.clear();
    this.stopTimer();
    if (profileChanged) this.expanded.clear();
  }

  setLive(id: string, live: boolean): void {
    if (live) this.live.add(id);
    else this.live.delete(id);
    if (live && this.visible) this.startTimer();
  }

  /** Records a run's state as shown under `nodeId`; fires onDidFinishRun when it just became final. */
  saw(profileId: string, nodeId: string, run: DagRun): void {
    const before = this.seenStates.get(nodeId);
    if (before && !FINAL_RUN_STATES.has(before) && FINAL_RUN_STATES.has(run.state))
      this.finished.fire({ profileId, run });
    this.seenStates.set(nodeId, run.state);
  }

  /** One cycle: each live DAG reloads its runs; each expanded live run its task instances. */
  refreshLive(): void {
    if (this.live.size === 0) return this.stopTimer();
    for (const id of this.live) {
      const node = this.tree.node(id);
      if (!node || this.tree.loading(id)) continue;
      // A collapsed run needs nothing: its state comes with its DAG's run list. An expanded one
      // is reloaded by the tree when its DAG is (VS Code refreshes expanded descendants).
      if (node.kind === 'run' && (!this.expanded.has(id) || this.live.has(this.tree.parentId(id) ?? ''))) continue;
      this.tree.reload(node);
    }
  }

  private startTimer(): void {
    if (this.timer || this.live.size === 0) return;
    const seconds = Math.max(1, vscode.workspace.getConfiguration().get<number>(INTERVAL_SETTING, 5));
    this.timer = setInterval(() => this.refreshLive(), seconds * 1000);
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
