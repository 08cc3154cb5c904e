// Entry point: builds the services once, registers views and commands, hands out test hooks to our own tests only.
import * as vscode from 'vscode';
import { registerAllCommands } from './commands';
import { ClientFactory } from './connection/clientFactory';
import { HealthMonitor } from './connection/healthMonitor';
import { requestLog } from './connection/requestLog';
import { DagFileFeatures } from './dagFiles/dagFileFeatures';
import type { DagFiles } from './dagFiles/dagFiles';
import { LogDocumentProvider } from './logs/logDocumentProvider';
import { registerLogDocuments } from './logs/logViews';
import { registerRunFinishedNotifications } from './notifications/runFinished';
import { seedDemoProfile } from './profiles/demoProfile';
import { ProfileStore } from './profiles/profileStore';
import type { Services } from './services';
import { registerStatusBarItem } from './status/statusBarItem';
import { askSecret, confirmSecret } from './ui/secretPrompts';
import { ExplorerProvider } from './views/explorer/explorerProvider';
import { ExplorerState } from './views/explorer/explorerState';
import type { Node } from './views/explorer/nodes';
import { registerViewDescription } from './views/explorer/viewDescription';
import { ReadOnlyDocuments } from './ui/readOnlyDocuments';
import { RunViews } from './runViews/runViews';
import { agentToolDeps, registerAgentTools, type RegisteredTools } from './agentTools/agentTools';

/**
 * Activation must stay cheap (target: well under 20 ms), so this only wires things together;
 * nothing talks to a server until a view is visible or a command runs.
 */
export function activate(context: vscode.ExtensionContext): TestHooks | undefined {
  const log = vscode.window.createOutputChannel('Airflow', { log: true });
  const store = new ProfileStore(context);
  // The factory shows no UI; a missing secret, or one entered for another server, is asked about here.
  const trace = requestLog(log);
  const clients = new ClientFactory(store, askSecret, confirmSecret, trace);
  const monitor = new HealthMonitor(store, clients);
  const filters = new ExplorerState(store, context.globalState);
  const explorer = new ExplorerProvider(store, clients, filters);
  const treeView = vscode.window.createTreeView('airflow.explorer', {
    treeDataProvider: explorer,
    showCollapseAll: true,
    canSelectMany: true,
  });
  const logs = new LogDocumentProvider({ store, clients, log });
  const docs = new ReadOnlyDocuments();
  // Nothing is loaded, read or requested until a DAG file is on screen.
  const dagFiles = new DagFileFeatures({ store, clients, explorer, log });
  // Nothing of the run views loads until a panel opens (or is restored).
  const runViews = new RunViews({ store, clients, extensionUri: context.extensionUri, log });
  // Tools for the assistant's agent mode, where VS Code has them; their code loads on the first call.
  const agentTools = registerAgentTools(agentToolDeps({ store, clients }));
  const services: Services = {
    context,
    log,
    store,
    clients,
    monitor,
    explorer,
    filters,
    logs,
    docs,
    dagFiles,
    runViews,
  };

  const updateContext = () => {
    void vscode.commands.executeCommand('setContext', 'airflow.hasProfiles', store.list().length > 0);
    for (const problem of store.problems()) log.warn(problem);
  };
  updateContext();

  context.subscriptions.push(
    log,
    trace,
    store,
    clients,
    monitor,
    treeView,
    store.onDidChange(() => {
      updateContext();
      explorer.refresh();
    }),
    filters,
    explorer,
    explorer.attach(treeView),
    registerViewDescription(treeView, store, filters),
    treeView.onDidChangeVisibility((e) => monitor.setVisible(e.visible)),
    onReachabilityChange(monitor, () => explorer.refresh()),
    registerStatusBarItem(monitor),
    ...registerLogDocuments(logs),
    docs.register(),
    registerRunFinishedNotifications(explorer),
    dagFiles,
    runViews,
    runViews.register(),
    ...agentTools.disposables,
    ...registerAllCommands(services),
  );
  monitor.setVisible(treeView.visible);
  // Secrets of user profiles that were removed from settings by hand or by sync: not kept.
  // Then `npm start`'s demo connection, so the clean-up never races its fresh secret.
  void store
    .deleteStaleSecrets()
    .then(
      (ids) =>
        ids.length && log.info(`Deleted the stored secrets of ${ids.length} connection(s) no longer in user settings`),
      (err: unknown) => log.warn(`Could not clean up stored secrets: ${String(err)}`),
    )
    .then(() => seedDemoProfile(store))
    .then(
      (problem) => problem && log.warn(problem),
      (err: unknown) => log.error(`Demo connection: ${String(err)}`),
    );
  log.info('Airflow extension activated');
  // Only our own test runner sets this; other extensions never get access to our secrets.
  if (process.env.AIRFLOW_VSCODE_TEST_HOOKS === '1') {
    return {
      context,
      store,
      monitor,
      explorer,
      clients,
      filters,
      treeView,
      logs,
      get dagFiles() {
        return dagFiles.get();
      },
      agentTools: agentTools.tools,
    };
  }
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
  /** The clients of the profiles, as commands and the tree get them. */
  clients: ClientFactory;
  /** The explorer's per-profile filter and favourites. */
  filters: ExplorerState;
  treeView: vscode.TreeView<Node>;
  /** The open log tabs' sessions. */
  logs: LogDocumentProvider;
  /** Loads the DAG-file features when they were not yet. */
  readonly dagFiles: DagFiles;
  /** The language-model tools as VS Code calls them (prepare, then invoke). */
  agentTools: RegisteredTools;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
