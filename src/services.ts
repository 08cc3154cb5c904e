// The extension's long-lived parts, built once in activate() and handed to commands and views.
import type * as vscode from 'vscode';
import type { ClientFactory } from './connection/clientFactory';
import type { HealthMonitor } from './connection/healthMonitor';
import type { DagFileFeatures } from './dagFiles/dagFileFeatures';
import type { LogDocumentProvider } from './logs/logDocumentProvider';
import type { ProfileStore } from './profiles/profileStore';
import type { ExplorerProvider } from './views/explorer/explorerProvider';
import type { ExplorerState } from './views/explorer/explorerState';
import type { ReadOnlyDocuments } from './ui/readOnlyDocuments';
import type { RunViews } from './runViews/runViews';

/**
 * Passed in, never read from a global: a command file's signature says what it touches, and a
 * command that needs less takes a `Pick<Services, ...>`. A module below the commands declares the
 * interface it needs itself (as `LogProviderDeps`, `TriggerDeps`, `ClientSources`), so it imports nothing from here.
 */
export interface Services {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  store: ProfileStore;
  clients: ClientFactory;
  monitor: HealthMonitor;
  explorer: ExplorerProvider;
  /** The explorer's per-profile filter and favourites. */
  filters: ExplorerState;
  logs: LogDocumentProvider;
  /** Read-only tabs for fetched text (import errors). */
  docs: ReadOnlyDocuments;
  /** The DAG files on screen and their deployed DAGs (lenses, import errors as Problems). */
  dagFiles: DagFileFeatures;
  /** The Grid, Graph and Gantt panels of DAGs. */
  runViews: RunViews;
}
