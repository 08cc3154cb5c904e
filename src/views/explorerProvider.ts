import * as vscode from 'vscode';
import type { Dag } from '../airflow';
import type { ClientFactory } from '../connection/clientFactory';
import type { ProfileStore } from '../profiles/profileStore';

type Node =
  | { kind: 'dag'; dag: Dag; profileId: string }
  | { kind: 'message'; text: string; detail?: string; icon: string; retry?: boolean };

/**
 * The Airflow explorer: the active profile's DAGs. Errors and empty states are items with a
 * retry action, never popups. With no profile, the view's welcome content shows instead.
 */
export class ExplorerProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly store: ProfileStore, private readonly clients: ClientFactory) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'message') {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon(node.icon);
      item.tooltip = node.detail;
      item.contextValue = node.retry ? 'airflow.message.retry' : 'airflow.message';
      if (node.retry) item.command = { command: 'airflow.refresh', title: 'Retry' };
      return item;
    }
    const { dag } = node;
    const item = new vscode.TreeItem(dag.displayName, vscode.TreeItemCollapsibleState.None);
    item.id = `${node.profileId}/dag/${dag.dagId}`;
    item.description = [dag.schedule ?? 'no schedule', dag.isPaused ? 'paused' : undefined].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(dag.isPaused ? 'debug-pause' : 'circle-outline');
    item.contextValue = `airflow.dag${dag.isPaused ? '.paused' : ''}`;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${dag.displayName}** \`${dag.dagId}\`\n\n`);
    if (dag.description) md.appendText(`${dag.description}\n\n`);
    md.appendMarkdown(`Owners: ${dag.owners.join(', ') || '–'} · Tags: ${dag.tags.join(', ') || '–'}\n\nSchedule: ${dag.scheduleDescription ?? dag.schedule ?? '–'}`);
    item.tooltip = md;
    return item;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node) return [];
    const entry = this.store.active();
    if (!entry) return [];
    try {
      const client = await this.clients.client(entry);
      const page = await client.listDags({}, { limit: 100 });
      if (page.items.length === 0) return [{ kind: 'message', text: 'No DAGs in this deployment', icon: 'info', retry: true }];
      return page.items.map((dag) => ({ kind: 'dag', dag, profileId: entry.profile.id }));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return [{ kind: 'message', text: `Cannot list DAGs of ${entry.profile.name}: ${message}`, detail: message, icon: 'error', retry: true }];
    }
  }
}
