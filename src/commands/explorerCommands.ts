// Commands of the explorer view: refresh, paging, filters, favourites, import errors.
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { Node } from '../views/explorer/nodes';
import { command, type Command } from './command';

export function explorerCommands(s: Services): Command[] {
  const { explorer, filters, docs } = s;
  return [
    command('airflow.refresh', (node?: Node) => {
      if (node) explorer.refreshNode(node);
      else {
        explorer.refresh();
        void s.monitor.checkNow();
        // The lenses too, and the DAG sources they compare with.
        s.dagFiles.loaded()?.refresh(true);
      }
    }),
    command('airflow.retryNode', (node: Extract<Node, { kind: 'message' }>) => {
      if (!node?.retry || node.retry === 'root') explorer.refresh();
      else explorer.refreshNode(node.retry);
    }),
    command('airflow.loadMore', (node: Extract<Node, { kind: 'loadMore' }>) => explorer.loadMore(node), {
      where: 'view',
    }),
    command('airflow.filterDags', async () => {
      const text = await vscode.window.showInputBox({
        title: 'Filter DAGs',
        prompt: 'Part of a DAG id or display name (SQL LIKE: % and _ are wildcards). Empty shows all.',
        value: filters.filter().text ?? '',
      });
      if (text !== undefined) await filters.patchFilter({ text: text.trim() || undefined });
    }),
    command('airflow.filterByTags', () => filterByTags(s)),
    command('airflow.hidePaused', () => filters.patchFilter({ paused: false })),
    command('airflow.showPaused', () => filters.patchFilter({ paused: undefined })),
    command('airflow.filterFailed', () => filters.patchFilter({ lastRunFailed: !filters.filter().lastRunFailed })),
    command('airflow.filterFavorites', () => filters.patchFilter({ favoritesOnly: !filters.filter().favoritesOnly })),
    command('airflow.clearFilter', () => filters.setFilter({})),
    command('airflow.toggleFavorite', (node?: Extract<Node, { kind: 'dag' }>) => {
      if (node?.kind === 'dag') return filters.toggleFavorite(node.dag.dagId);
    }),
    command('airflow.openImportError', (node?: Extract<Node, { kind: 'importError' }>) => {
      if (node?.kind !== 'importError') return;
      const { error } = node;
      const header = `# Import error in ${error.filename}${error.timestamp ? ` (${error.timestamp})` : ''}\n\n`;
      return docs.open(`/import-errors/${error.id}/${error.filename.split('/').pop()}.txt`, header + error.stackTrace);
    }),
    command('airflow.showOutput', () => s.log.show(true)),
  ];
}

/** Offers the tags of every DAG (one paged walk, under the view's progress bar). */
async function filterByTags(s: Services): Promise<void> {
  const entry = s.store.active();
  if (!entry) return;
  const tags = await vscode.window.withProgress({ location: { viewId: 'airflow.explorer' } }, async () => {
    const client = await s.clients.client(entry);
    const dags = await client.listAllDags();
    return [...new Set(dags.flatMap((d) => d.tags))].sort();
  });
  if (tags.length === 0) return void vscode.window.showInformationMessage('No DAG in this deployment has tags.');
  const current = new Set(s.filters.filter().tags ?? []);
  const picked = await vscode.window.showQuickPick(
    tags.map((t) => ({ label: t, picked: current.has(t) })),
    { title: 'Show DAGs with any of these tags', canPickMany: true, placeHolder: 'Type to find a tag; Space selects' },
  );
  if (picked) await s.filters.patchFilter({ tags: picked.map((p) => p.label) });
}
