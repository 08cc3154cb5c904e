import * as vscode from 'vscode';
import { registerProfileCommands } from './commands/profileCommands';
import { ClientFactory } from './connection/clientFactory';
import { HealthMonitor } from './connection/healthMonitor';
import { ProfileStore } from './profiles/profileStore';
import { registerStatusBarItem } from './status/statusBarItem';
import { ExplorerProvider } from './views/explorerProvider';

/**
 * Entry point. Activation must stay cheap (target: well under 20 ms), so this only wires
 * things together; nothing talks to a server until a view is visible or a command runs.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Airflow', { log: true });
  const store = new ProfileStore(context);
  const clients = new ClientFactory(store);
  const monitor = new HealthMonitor(store, clients);
  const explorer = new ExplorerProvider();
  const treeView = vscode.window.createTreeView('airflow.explorer', { treeDataProvider: explorer, showCollapseAll: true });

  const updateContext = () => {
    void vscode.commands.executeCommand('setContext', 'airflow.hasProfiles', store.list().length > 0);
    for (const problem of store.problems()) log.warn(problem);
  };
  updateContext();

  context.subscriptions.push(
    log,
    store,
    clients,
    monitor,
    treeView,
    store.onDidChange(updateContext),
    treeView.onDidChangeVisibility((e) => monitor.setVisible(e.visible)),
    registerStatusBarItem(monitor),
    ...registerProfileCommands({ store, clients, monitor, log }),
    vscode.commands.registerCommand('airflow.showOutput', () => log.show(true)),
  );
  monitor.setVisible(treeView.visible);
  log.info('Airflow extension activated');
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
