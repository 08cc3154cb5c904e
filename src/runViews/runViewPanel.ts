// The run view panels: one webview editor per DAG (opening it again focuses it), its page locked
// down (pageHtml.ts: local resources only, scripts by nonce), restored after a window reload.
import * as vscode from 'vscode';
import type { AirflowClient } from '../airflow';
import { pageHtml } from './pageHtml';
import { readRunViewState, type RunViewState } from './protocol';
import { RunViewSession } from './runViewSession';

/** The panel's view type (runViews.ts registers its serializer). */
const RUN_VIEW_TYPE = 'airflow.runView';

export interface RunViewDeps {
  extensionUri: vscode.Uri;
  /** The client of a profile (the active one when undefined), and that profile's id. */
  clientFor(profileId: string | undefined): Promise<{ profileId: string; client: AirflowClient }>;
  activeProfileId(): string | undefined;
  log: Pick<vscode.LogOutputChannel, 'warn'>;
}

export class RunViewPanels implements vscode.Disposable {
  private readonly open = new Map<string, { panel: vscode.WebviewPanel; session: RunViewSession }>();

  constructor(private readonly deps: RunViewDeps) {}

  /** Shows the panel of a DAG (a run selected, if given), creating it or focusing the one open. */
  async show(target: { profileId?: string; dagId: string; runId?: string }): Promise<vscode.WebviewPanel> {
    const { profileId } = await this.deps.clientFor(target.profileId);
    const key = JSON.stringify([profileId, target.dagId]);
    const existing = this.open.get(key);
    if (existing) {
      existing.session.selectRun(target.runId);
      existing.panel.reveal();
      return existing.panel;
    }
    const panel = vscode.window.createWebviewPanel(RUN_VIEW_TYPE, title(target.dagId), vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: this.roots(),
    });
    this.attach(panel, {
      profileId,
      dagId: target.dagId,
      tab: 'grid',
      selectedRun: target.runId,
      selectedRef: undefined,
    });
    return panel;
  }

  /** The serializer's half: a panel VS Code kept across a reload gets its DAG and selection back. */
  restore(panel: vscode.WebviewPanel, saved: unknown): void {
    const state = readRunViewState(saved);
    if (!state) {
      panel.dispose();
      return;
    }
    panel.webview.options = { enableScripts: true, localResourceRoots: this.roots() };
    this.attach(panel, state);
  }

  dispose(): void {
    for (const { panel } of this.open.values()) panel.dispose();
  }

  private attach(panel: vscode.WebviewPanel, state: RunViewState): void {
    const key = JSON.stringify([state.profileId, state.dagId]);
    panel.title = title(state.dagId);
    const session = new RunViewSession(
      panel,
      {
        client: async () => (await this.deps.clientFor(state.profileId)).client,
        activeProfileId: () => this.deps.activeProfileId(),
        log: this.deps.log,
      },
      state,
    );
    this.open.set(key, { panel, session });
    panel.onDidDispose(() => {
      session.dispose();
      if (this.open.get(key)?.panel === panel) this.open.delete(key);
    });
    const resource = (...path: string[]) =>
      panel.webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, ...path)).toString();
    // The page saves its state itself (setState); the first one is handed over in the HTML's stead.
    panel.webview.html = pageHtml({
      cspSource: panel.webview.cspSource,
      script: resource('dist', 'runView.js'),
      style: resource('media', 'runView.css'),
      layoutWorker: resource('dist', 'elkWorker.js'),
    });
  }

  /** Only the page's bundle and its style sheet can be loaded. */
  private roots(): vscode.Uri[] {
    return [vscode.Uri.joinPath(this.deps.extensionUri, 'dist'), vscode.Uri.joinPath(this.deps.extensionUri, 'media')];
  }
}

function title(dagId: string): string {
  return `DAG ${dagId}`;
}
