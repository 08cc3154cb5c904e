// The explorer tree as a test walks it: its nodes through the provider, its rows in the real workbench.
import * as assert from 'assert';
import type { Node } from '../../../src/views/explorer/nodes';
import { hooks, waitUntil } from './airflow';
import { countElements, screenshot } from './screenshot';

/** A row of the Airflow view that shows `text` (label or description). */
export const row = (text: string) => `.part.sidebar .monaco-list-row:has-text(${JSON.stringify(text)})`;

export async function children(node?: Node): Promise<Node[]> {
  return (await hooks()).explorer.getChildren(node);
}

export async function dagNode(dagId: string): Promise<Extract<Node, { kind: 'dag' }>> {
  const found = (await children()).find((n) => n.kind === 'dag' && n.dag.dagId === dagId);
  assert.ok(found, `DAG ${dagId} not in the tree`);
  return found as Extract<Node, { kind: 'dag' }>;
}

/**
 * Expands a node in the real tree. Retried while the tree is still replacing another profile's
 * nodes, or has not fetched the parent's children since the node appeared (then it is asked to).
 * A reveal that first has to resolve the node (VS Code fetches its parent's children again) can
 * end without expanding it, so one that brings no expand event is made once more; a node that was
 * already expanded brings none either, and then the second reveal changes nothing.
 */
export async function expand(node: Node): Promise<void> {
  const h = await hooks();
  let expanded = false;
  const listener = h.treeView.onDidExpandElement((e) => {
    if (e.element.id === node.id) expanded = true;
  });
  const reveal = () => h.treeView.reveal(node, { expand: true, select: false, focus: false });
  try {
    await waitUntil(
      `the tree to expand ${node.id}`,
      async () => {
        try {
          await reveal();
          return true;
        } catch (err) {
          const parent = h.explorer.getParent(node);
          if (parent) {
            h.explorer.refreshNode(parent);
            await h.explorer.getChildren(parent); // the tree's own reload of the parent joins this one
          }
          throw err;
        }
      },
      15_000,
    );
    const sawExpand = async () => {
      for (let waited = 0; !expanded && waited < 2000; waited += 100) await new Promise((r) => setTimeout(r, 100));
      return expanded;
    };
    if (!(await sawExpand())) {
      await reveal();
      await sawExpand();
    }
  } finally {
    listener.dispose();
  }
}

/**
 * Waits until the real tree shows a row for `runId`. While it does not, asks the DAG's current
 * node (looked up by id, as the trigger command does) to reload its runs every few seconds: a
 * reload elsewhere may have replaced the node object a test holds, and a change fired for a
 * replaced node is dropped.
 */
export async function waitForRunRow(dagId: string, runId: string, timeoutMs = 60_000): Promise<void> {
  const h = await hooks();
  let asked = 0;
  try {
    await waitUntil(
      `a row for run ${runId} under DAG ${dagId} in the Airflow view`,
      async () => {
        if ((await countElements(row(runId))) > 0) return true;
        if (Date.now() - asked > 3000) {
          asked = Date.now();
          h.explorer.changedDag(dagId);
        }
        return false;
      },
      timeoutMs,
    );
  } catch (err) {
    // Say what the provider holds, to tell a missing run from a row the tree did not draw.
    const profile = h.store.active()?.profile.id;
    const node = h.explorer.node(`${profile}/dag/${dagId}`);
    const runs = node ? (await h.explorer.getChildren(node)).map((n) => (n.kind === 'run' ? n.run.runId : n.kind)) : [];
    const rows = await countElements('.part.sidebar .monaco-list-row');
    await screenshot(`missing-run-row-${dagId}`).catch(() => undefined);
    throw new Error(
      `${String(err)}; the provider ${node ? `has DAG node ${node.id} with children ${JSON.stringify(runs)}` : `has no node for ${dagId}`}; the view draws ${rows} rows`,
    );
  }
}
