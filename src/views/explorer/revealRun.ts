// After a trigger: the DAG row shows its new state, and the new run is revealed under it when the tree shows that DAG.
import type { Dag, DagRun } from '../../airflow';
import type { ExplorerProvider } from './explorerProvider';
import { nodeIds } from './nodeIds';

/**
 * Updates the DAG row (paused flag, newest run) and reveals `run` under it. Does nothing when the
 * tree is on another profile or has not shown that DAG; never opens a hidden view.
 */
export async function revealRun(explorer: ExplorerProvider, profileId: string, run: DagRun, dag?: Dag): Promise<void> {
  const dagNode = explorer.node(nodeIds.dag(profileId, run.dagId));
  if (dagNode?.kind !== 'dag') return;
  dagNode.latest = run;
  // The same update as after pause/unpause: the row, the cached DAG list, and the paused filter.
  explorer.changedDag(run.dagId, dag);
  const view = explorer.treeView;
  if (!view?.visible) return;
  // Loads the runs (sharing the tree's own reload when it is expanded), so the run node and its parent are known.
  await explorer.getChildren(dagNode);
  const runNode = explorer.node(nodeIds.run(profileId, run));
  if (runNode) await view.reveal(runNode, { select: true, focus: false, expand: false });
}
