// Loads a node's children for the explorer: picks the loader of the node's kind, and turns a failure into a row with Retry.
import type { ClientFactory } from '../../connection/clientFactory';
import type { ProfileStore } from '../../profiles/profileStore';
import type { Current } from './dagList';
import { dagListRows, importErrorRows } from './dagRows';
import type { DagStructures } from './dagStructures';
import type { ExplorerState } from './explorerState';
import { StaleLoadError } from './generation';
import type { LiveRefresh } from './liveRefresh';
import type { Keep, LoadContext } from './loadContext';
import { nodeIds } from './nodeIds';
import type { Node } from './nodes';
import { dagRunRows } from './runRows';
import { groupRows, mapIndexRows, runTaskRows } from './runTasks';
import { taskTryRows } from './taskTries';
import type { TreePages } from './treePages';

/** The parts of the tree the loaders read and write. */
export interface TreeParts {
  store: ProfileStore;
  clients: ClientFactory;
  state: ExplorerState;
  pages: TreePages;
  structures: DagStructures;
  live: LiveRefresh;
  keep: Keep;
  /** Redraws a node the tree still shows. */
  redraw(node: Node): void;
}

/** A node's children (the root's when `node` is undefined); every awaited result passes `current`, which throws StaleLoadError once a refresh overtook this load. */
export async function loadChildren(tree: TreeParts, node: Node | undefined, current: Current): Promise<Node[]> {
  const { store, keep } = tree;
  const entry = store.active();
  if (!entry) {
    const text = 'No active connection: run "Airflow: Switch Connection" to choose one';
    return store.list().length ? [keep({ kind: 'message', id: nodeIds.pickProfile(), text, icon: 'info' })] : [];
  }
  const prefix = entry.profile.id;
  try {
    const client = await current(tree.clients.client(entry));
    const ctx: LoadContext = { client, profileId: prefix, current, keep };
    if (!node) return await dagListRows(ctx, tree.pages, tree.state);
    switch (node.kind) {
      case 'importErrors':
        return importErrorRows(ctx, node.errors);
      case 'dag':
        return await dagRunRows(ctx, node, tree.pages, tree.live, tree.redraw);
      case 'run':
        return await runTaskRows(ctx, node, tree.structures, tree.live);
      case 'mapped':
        return mapIndexRows(ctx, node);
      case 'group':
        return groupRows(ctx, node);
      case 'task':
        return await taskTryRows(ctx, node);
      default:
        return [];
    }
  } catch (err) {
    if (err instanceof StaleLoadError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    const what = node ? 'Could not load' : `Cannot list DAGs of ${entry.profile.name}`;
    return [
      keep({
        kind: 'message',
        id: nodeIds.error(node?.id ?? prefix),
        text: `${what}: ${message}`,
        detail: message,
        icon: 'error',
        retry: node ?? 'root',
      }),
    ];
  }
}
