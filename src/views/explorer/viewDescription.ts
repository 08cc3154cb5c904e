// The explorer's title line: the active connection and the filter, e.g. `prod · "etl" · hiding paused`.
import * as vscode from 'vscode';
import type { ProfileStore } from '../../profiles/profileStore';
import type { ExplorerState } from './explorerState';
import { describe as describeFilter } from './filters';
import type { Node } from './nodes';
import { outsideText } from '../../ui/outsideText';

/** Keeps the description and the `airflow.filtered` context key (it swaps the filter icon) up to date. */
export function registerViewDescription(
  view: vscode.TreeView<Node>,
  store: ProfileStore,
  filters: ExplorerState,
): vscode.Disposable {
  const update = () => {
    const filter = describeFilter(filters.filter());
    view.description =
      [store.active()?.profile.name, filter]
        .map((t) => t && outsideText(t))
        .filter(Boolean)
        .join(' · ') || undefined;
    void vscode.commands.executeCommand('setContext', 'airflow.filtered', filter !== '');
  };
  update();
  return vscode.Disposable.from(store.onDidChange(update), filters.onDidChange(update));
}
