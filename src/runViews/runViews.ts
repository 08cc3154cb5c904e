// What activation holds of the run views: the serializer that brings panels back after a reload, and
// the panels themselves, whose code (chunk.ts, dist/runViews.js) loads when the first one opens.
import * as vscode from 'vscode';
import { clientFor, type ClientSources } from '../connection/clientFor';
import type { RunViewPanels } from './runViewPanel';

/** The panel's view type; `onWebviewPanel:airflow.runView` in package.json activates for it. */
const RUN_VIEW_TYPE = 'airflow.runView';

export class RunViews implements vscode.Disposable {
  private panels: RunViewPanels | undefined;

  constructor(
    private readonly deps: ClientSources & {
      extensionUri: vscode.Uri;
      log: Pick<vscode.LogOutputChannel, 'warn'>;
    },
  ) {}

  /** The panel of a DAG, a run selected if given: opened, or focused when it is open. */
  show(target: { profileId?: string; dagId: string; runId?: string }): Promise<vscode.WebviewPanel> {
    return this.load().show(target);
  }

  register(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(RUN_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => this.load().restore(panel, state),
    });
  }

  dispose(): void {
    this.panels?.dispose();
  }

  private load(): RunViewPanels {
    if (this.panels) return this.panels;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const chunk = require('./chunk') as typeof import('./chunk');
    this.panels = new chunk.RunViewPanels({
      extensionUri: this.deps.extensionUri,
      clientFor: (profileId) => clientFor(this.deps, profileId),
      activeProfileId: () => this.deps.store.active()?.profile.id,
      log: this.deps.log,
    });
    return this.panels;
  }
}
