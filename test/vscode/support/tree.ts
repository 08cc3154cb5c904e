// The explorer tree as a test walks it: its nodes through the provider, its rows in the real workbench.
import * as assert from 'assert';
import type { Node } from '../../../src/views/explorer/nodes';
import { hooks, waitUntil } from './airflow';

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
 */
export async function expand(node: Node): Promise<void> {
  const h = await hooks();
  await waitUntil(`the tree to expand ${node.id}`, async () => {
    try {
      await h.treeView.reveal(node, { expand: true, select: false, focus: false });
      return true;
    } catch (err) {
      const parent = h.explorer.getParent(node);
      if (parent) {
        h.explorer.refreshNode(parent);
        await h.explorer.getChildren(parent); // the tree's own reload of the parent joins this one
      }
      throw err;
    }
  }, 15_000);
}
