// One run view panel's work: reads its DAG (runViewData.ts), shows the models, accepts the page's
// messages only for what it was shown (pageMessages.ts), acts through the existing commands, and
// refreshes live runs while the panel is visible.
import * as vscode from 'vscode';
import { isAirflowError, taskLabel, type AirflowClient, type TaskInstance } from '../airflow';
import { outsideText } from '../ui/outsideText';
import { dagStructure } from '../views/explorer/taskGroups';
import { ganttModel } from './ganttModel';
import { graphModel } from './graphModel';
import { gridModel } from './gridModel';
import { receive, ShownItems, type AcceptedMessage } from './pageMessages';
import type { HostMessage, RunViewState } from './protocol';
import { refKey } from './refKeys';
import { loadOlderRuns, loadRunView, refreshRunView, type RunViewData } from './runViewData';
import { taskDetails } from './taskDetails';

/** How many runs the Grid shows at first, and how many more "Load older runs" adds: the tree's page of runs. */
function runsShown(): number {
  return Math.max(1, vscode.workspace.getConfiguration('airflow').get<number>('runsPerPage', 25));
}
const INTERVAL_SETTING = 'airflow.autoRefreshSeconds';

export interface SessionDeps {
  /** The client of the panel's profile. */
  client(): Promise<AirflowClient>;
  /** The active profile: the explorer's commands act on its server. */
  activeProfileId(): string | undefined;
  log: Pick<vscode.LogOutputChannel, 'warn'>;
}

export class RunViewSession implements vscode.Disposable {
  private data: RunViewData | undefined;
  private readonly shown = new ShownItems();
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: SessionDeps,
    readonly state: RunViewState,
  ) {
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((raw) => void this.onMessage(raw)),
      panel.onDidChangeViewState(() => this.followVisibility()),
    );
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const d of this.subscriptions) d.dispose();
  }

  /** Selects a run (a run row's command), shown at the next draw. */
  selectRun(runId: string | undefined): void {
    if (runId) this.state.selectedRun = runId;
    if (this.data) this.post();
  }

  private async onMessage(raw: unknown): Promise<void> {
    const r = receive(raw, this.shown);
    if (!r.ok) {
      this.deps.log.warn(r.reason);
      return;
    }
    try {
      await this.handle(r.message);
    } catch (err) {
      this.send({ type: 'error', message: isAirflowError(err) ? err.message : `The run view failed: ${String(err)}` });
    }
  }

  private async handle(m: AcceptedMessage): Promise<void> {
    const client = await this.deps.client();
    switch (m.type) {
      case 'ready':
        this.data = await loadRunView(client, this.state.dagId, runsShown());
        this.post();
        this.followVisibility();
        return;
      case 'refresh':
        if (this.data) this.data = await refreshRunView(client, this.data, runsShown());
        return this.post();
      case 'loadOlder':
        if (this.data) this.data = await loadOlderRuns(client, this.data, runsShown());
        return this.post();
      case 'tab':
        this.state.tab = m.tab;
        return;
      case 'selectRun':
        this.state.selectedRun = m.run.runId;
        return this.post();
      case 'select':
        this.state.selectedRef = refKey(m.ti);
        this.state.selectedRun = m.ti.runId;
        return this.send({ type: 'details', details: taskDetails(m.ti) });
      case 'action':
        // The commands act through the active profile's client: never on another server than the panel's.
        if (this.state.profileId && this.deps.activeProfileId() !== this.state.profileId)
          return this.send({
            type: 'error',
            message: `This view shows connection "${this.state.profileId}": switch to it to act on its task instances.`,
          });
        await act(m.action, m.ti);
        // What the action changed shows at once, not at the next tick.
        if (m.action !== 'openLog' && m.action !== 'openInWebUi' && this.data) {
          this.data = await refreshRunView(client, this.data, runsShown(), [m.ti.runId]);
          this.post();
        }
        return;
    }
  }

  /** Draws the page from the data: the models, and what the page may name from now on. */
  private post(): void {
    const data = this.data!;
    const runId = this.state.selectedRun ?? data.runs[0]?.runId;
    const grid = gridModel(data.dagId, data.runs, data.tis, dagStructure(data.tasks));
    const graph = graphModel(data.tasks, data.tis, runId);
    const gantt = runId ? ganttModel(runId, data.tis) : undefined;
    this.shown.show({ grid, graph, gantt }, data.runs, data.tis);
    const selected = this.state.selectedRef ? this.shown.ti(this.state.selectedRef) : undefined;
    this.send({
      type: 'show',
      profileId: this.state.profileId,
      dagId: data.dagId,
      grid,
      graph,
      gantt,
      selectedRun: runId,
      details: selected && taskDetails(selected),
      hasOlder: data.hasOlder,
    });
  }

  private send(m: HostMessage): void {
    void this.panel.webview.postMessage(m);
  }

  /**
   * A visible panel refreshes on the tree's cadence (one run list, plus the task instances of runs
   * that are new or were live: a new run shows up, an ended one costs nothing more); a hidden one asks for nothing.
   */
  private followVisibility(): void {
    if (this.panel.visible && this.data && !this.timer) {
      const seconds = Math.max(1, vscode.workspace.getConfiguration().get<number>(INTERVAL_SETTING, 5));
      this.timer = setInterval(() => void this.handle({ type: 'refresh' }).catch(() => undefined), seconds * 1000);
    } else if (!this.panel.visible && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}

/** The details strip's actions, through the commands of the explorer (their confirmations included). */
async function act(action: 'openLog' | 'clear' | 'mark' | 'openInWebUi', ti: TaskInstance): Promise<void> {
  const row = { kind: 'task', id: `runView/${refKey(ti)}`, ti };
  if (action === 'openLog')
    await vscode.commands.executeCommand('airflow.openLog', {
      dagId: ti.dagId,
      runId: ti.runId,
      taskId: ti.taskId,
      mapIndex: ti.mapIndex,
    });
  else if (action === 'clear') await vscode.commands.executeCommand('airflow.clearTask', row);
  else if (action === 'openInWebUi') await vscode.commands.executeCommand('airflow.openInBrowser', row);
  else {
    const states = ['Success', 'Failed', 'Skipped'];
    const state = await vscode.window.showQuickPick(states, { title: `Mark ${outsideText(taskLabel(ti))} as…` });
    if (state) await vscode.commands.executeCommand(`airflow.markTask${state}`, row);
  }
}
