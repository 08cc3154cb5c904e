import * as vscode from 'vscode';

/**
 * The Airflow explorer tree. Empty until a connection profile exists, so the view shows
 * its welcome content (package.json `viewsWelcome`).
 */
export class ExplorerProvider implements vscode.TreeDataProvider<vscode.TreeItem> {
  private readonly changed = new vscode.EventEmitter<vscode.TreeItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  getTreeItem(element: vscode.TreeItem): vscode.TreeItem {
    return element;
  }

  getChildren(): vscode.TreeItem[] {
    return [];
  }

  refresh(): void {
    this.changed.fire(undefined);
  }
}
