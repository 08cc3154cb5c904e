import * as vscode from 'vscode';
import type { ClientFactory } from '../connection/clientFactory';
import type { HealthMonitor } from '../connection/healthMonitor';
import type { ProfileStore } from '../profiles/profileStore';
import type { ExplorerProvider } from '../views/explorer/explorerProvider';
import type { Node } from '../views/explorer/nodes';
import { ReadOnlyDocuments } from '../views/readOnlyDocuments';

export interface ExplorerCommandDeps {
  explorer: ExplorerProvider;
  store: ProfileStore;
  clients: ClientFactory;
  monitor: HealthMonitor;
  log: vscode.LogOutputChannel;
}

export function registerExplorerCommands(deps: ExplorerCommandDeps): vscode.Disposable[] {
  const { explorer, store, clients } = deps;
  const docs = new ReadOnlyDocuments();
  const setFilter = (patch: Partial<ReturnType<ExplorerProvider['filter']>>) => explorer.setFilter({ ...explorer.filter(), ...patch });
  return [
    docs.register(),
    vscode.commands.registerCommand('airflow.refresh', (node?: Node) => {
      if (node) explorer.refreshNode(node);
      else {
        explorer.refresh();
        void deps.monitor.checkNow();
      }
    }),
    vscode.commands.registerCommand('airflow.retryNode', (node: Extract<Node, { kind: 'message' }>) => {
      if (!node?.retry || node.retry === 'root') explorer.refresh();
      else explorer.refreshNode(node.retry);
    }),
    vscode.commands.registerCommand('airflow.loadMore', (node: Extract<Node, { kind: 'loadMore' }>) =>
      vscode.window.withProgress({ location: { viewId: 'airflow.explorer' } }, () => explorer.loadMore(node)),
    ),
    vscode.commands.registerCommand('airflow.filterDags', async () => {
      const text = await vscode.window.showInputBox({
        title: 'Filter DAGs',
        prompt: 'Part of a DAG id or display name (SQL LIKE: % and _ are wildcards). Empty shows all.',
        value: explorer.filter().text ?? '',
      });
      if (text !== undefined) await setFilter({ text: text.trim() || undefined });
    }),
    vscode.commands.registerCommand('airflow.filterByTags', async () => {
      const entry = store.active();
      if (!entry) return;
      const tags = await vscode.window.withProgress({ location: { viewId: 'airflow.explorer' } }, async () => {
        const client = await clients.client(entry);
        const dags = await client.listAllDags();
        return [...new Set(dags.flatMap((d) => d.tags))].sort();
      });
      if (tags.length === 0) return void vscode.window.showInformationMessage('No DAG in this deployment has tags.');
      const current = new Set(explorer.filter().tags ?? []);
      const picked = await vscode.window.showQuickPick(
        tags.map((t) => ({ label: t, picked: current.has(t) })),
        { title: 'Show DAGs with any of these tags', canPickMany: true, placeHolder: 'Type to find a tag; Space selects' },
      );
      if (picked) await setFilter({ tags: picked.map((p) => p.label) });
    }),
    vscode.commands.registerCommand('airflow.hidePaused', () => setFilter({ paused: false })),
    vscode.commands.registerCommand('airflow.showPaused', () => setFilter({ paused: undefined })),
    vscode.commands.registerCommand('airflow.filterFailed', () => setFilter({ lastRunFailed: !explorer.filter().lastRunFailed })),
    vscode.commands.registerCommand('airflow.filterFavorites', () => setFilter({ favoritesOnly: !explorer.filter().favoritesOnly })),
    vscode.commands.registerCommand('airflow.clearFilter', () => explorer.setFilter({})),
    vscode.commands.registerCommand('airflow.toggleFavorite', (node?: Extract<Node, { kind: 'dag' }>) => {
      if (node?.kind === 'dag') return explorer.toggleFavorite(node.dag.dagId);
    }),
    vscode.commands.registerCommand('airflow.openImportError', (node?: Extract<Node, { kind: 'importError' }>) => {
      if (node?.kind !== 'importError') return;
      const { error } = node;
      const header = `# Import error in ${error.filename}${error.timestamp ? ` (${error.timestamp})` : ''}\n\n`;
      return docs.open(`/import-errors/${error.id}/${error.filename.split('/').pop()}.txt`, header + error.stackTrace);
    }),
  ];
}
