import * as vscode from 'vscode';
import { registerProfileCommands } from './commands/profileCommands';
import { ClientFactory } from './connection/clientFactory';
import { HealthMonitor } from './connection/healthMonitor';
import { ProfileStore } from './profiles/profileStore';
import { registerStatusBarItem } from './status/statusBarItem';
import { describe as describeFilter } from './views/explorer/filters';
import type { Node } from './views/explorer/nodes';
import { registerExplorerCommands } from './commands/explorerCommands';
import { registerLogCommands } from './logs/logCommands';
import { registerRunFinishedNotifications } from './notifications/runFinished';
import { ExplorerProvider } from './views/explorer/explorerProvider';

/**
 * Entry point. Activation must stay cheap (target: well under 20 ms), so this only wires
 * things together; nothing talks to a server until a view is visible or a command runs.
 */
export function activate(context: vscode.ExtensionContext): TestHooks | undefined {
  const log = vscode.window.createOutputChannel('Airflow', { log: true });
  const store = new ProfileStore(context);
  const clients = new ClientFactory(store);
  const monitor = new HealthMonitor(store, clients);
  const explorer = new ExplorerProvider(store, clients, context.globalState);
  const treeView = vscode.window.createTreeView('airflow.explorer', { treeDataProvider: explorer, showCollapseAll: true });
  const describeView = () => {
    const filter = describeFilter(explorer.filter());
    treeView.description = [store.active()?.profile.name, filter].filter(Boolean).join(' · ') || undefined;
    void vscode.commands.executeCommand('setContext', 'airflow.filtered', filter !== '');
  };

  const updateContext = () => {
    void vscode.commands.executeCommand('setContext', 'airflow.hasProfiles', store.list().length > 0);
    describeView();
    for (const problem of store.problems()) log.warn(problem);
  };
  updateContext();

  context.subscriptions.push(
    log,
    store,
    clients,
    monitor,
    treeView,
    store.onDidChange(() => {
      updateContext();
      explorer.refresh();
    }),
    explorer,
    explorer.attach(treeView),
    explorer.onDidChangeTreeData((n) => n === undefined && describeView()),
    ...registerExplorerCommands({ explorer, store, clients, monitor, log }),
    treeView.onDidChangeVisibility((e) => monitor.setVisible(e.visible)),
    onReachabilityChange(monitor, () => explorer.refresh()),
    registerStatusBarItem(monitor),
    ...registerProfileCommands({ store, clients, monitor, log }),
    ...registerLogCommands({ store, clients, log }),
    registerRunFinishedNotifications(explorer),
    vscode.commands.registerCommand('airflow.showOutput', () => log.show(true)),
  );
  monitor.setVisible(treeView.visible);
  log.info('Airflow extension activated');
  // Only our own test runner sets this; other extensions never get access to our secrets.
  if (process.env.AIRFLOW_VSCODE_TEST_HOOKS === '1') return { context, store, monitor, explorer, treeView };
  return undefined;
}

/** Calls `fire` when the connection goes from working to not working or back. */
function onReachabilityChange(monitor: HealthMonitor, fire: () => void): vscode.Disposable {
  const ok = (k: string) => k === 'healthy' || k === 'degraded';
  let was = ok(monitor.state.kind);
  return monitor.onDidChange((s) => {
    if (s.kind === 'connecting') return;
    const now = ok(s.kind);
    if (now !== was) fire();
    was = now;
  });
}

/** What the extension's own tests inspect (secrets, state) to prove where things are stored. */
export interface TestHooks {
  context: vscode.ExtensionContext;
  store: ProfileStore;
  monitor: HealthMonitor;
  explorer: ExplorerProvider;
  treeView: vscode.TreeView<Node>;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
