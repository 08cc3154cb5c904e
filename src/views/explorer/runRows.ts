// Loads a DAG's runs for the explorer, newest first, as many as its page limit, and keeps the DAG's icon on its newest run.
import { FINAL_RUN_STATES } from '../../airflow';
import { PAGE } from './dagList';
import type { LiveRefresh } from './liveRefresh';
import type { LoadContext } from './loadContext';
import { nodeIds } from './nodeIds';
import type { Node } from './nodes';
import type { TreePages } from './treePages';

/** The run rows of a DAG; `redraw` is called (a turn later) when the DAG's newest run changed. */
export async function dagRunRows(
  { client, profileId: prefix, current, keep }: LoadContext,
  node: Extract<Node, { kind: 'dag' }>,
  pages: TreePages,
  live: Pick<LiveRefresh, 'setLive' | 'saw'>,
  redraw: (node: Node) => void,
): Promise<Node[]> {
  const dagId = node.dag.dagId;
  const limit = pages.runLimit(dagId);
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
  pages.setRunLimit(dagId, limit);
  const hasLive = runs.some((r) => !FINAL_RUN_STATES.has(r.state));
  live.setLive(node.id, hasLive);
  // The DAG's icon follows its newest run.
  if (runs[0] && (node.latest?.runId !== runs[0].runId || node.latest?.state !== runs[0].state)) {
    node.latest = runs[0];
    setTimeout(() => redraw(node), 0);
  }
  const out: Node[] = runs.map((run) => {
    const id = nodeIds.run(prefix, run);
    live.saw(prefix, id, run);
    return keep({ kind: 'run', id, run });
  });
  if (runs.length < page.total)
    out.push(
      keep({ kind: 'loadMore', id: nodeIds.more(node.id), parent: node, shown: runs.length, total: page.total }),
    );
  if (runs.length === 0)
    out.push(keep({ kind: 'message', id: nodeIds.empty(node.id), text: 'No runs yet', icon: 'info' }));
  return out;
}
