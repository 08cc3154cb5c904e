// CodeLenses over DAG definitions: the deployed DAG's last run, whether the file is deployed, and the existing actions on it.
import * as vscode from 'vscode';
import type { DagFiles, DagFileEntry, DagFilesDeps, Snapshot } from './dagFiles';
import { DEPLOY_TEXT, lastRunText } from './lensText';
import { outsideText } from '../ui/outsideText';

// Titles name DAG ids from the file and the server (a lens draws `$(icon)` syntax); ours hold no icon.
const lens = (range: vscode.Range, title: string, command = '', args: unknown[] = [], tooltip?: string) =>
  new vscode.CodeLens(range, {
    title: outsideText(title, 400),
    command,
    arguments: args,
    tooltip: tooltip === undefined ? undefined : outsideText(tooltip, 600),
  });

/** The lenses of a document; DagFileFeatures tells VS Code when they changed. */
export class DagLenses implements vscode.CodeLensProvider {
  constructor(
    private readonly files: DagFiles,
    private readonly store: Pick<DagFilesDeps['store'], 'active'>,
  ) {}

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    // Only files of a workspace folder (and inside `airflow.dagsFolder` when it is set), only with a connection.
    if (!this.store.active() || !this.files.localPathOf(doc.uri)) return [];
    const { snapshot, entries } = this.files.entries(doc);
    const broken = vscode.languages.getDiagnostics(doc.uri).some((d) => d.code === 'import error');
    return entries.flatMap((e) => this.lensesOf(doc, e, snapshot, broken));
  }

  private lensesOf(
    doc: vscode.TextDocument,
    e: DagFileEntry,
    snap: Snapshot | undefined,
    broken: boolean,
  ): vscode.CodeLens[] {
    const range = new vscode.Range(e.def.line, e.def.character, e.def.line, e.def.character);
    const profile = snap?.profileName ?? this.store.active()?.profile.name ?? '';
    const id = e.def.dagId;
    switch (e.status) {
      case 'unknown':
        return [
          snap?.error
            ? lens(range, `Airflow: cannot check ${id} on ${profile}`, 'airflow.showOutput', [], snap.error)
            : lens(range, `Airflow: checking ${id} on ${profile}…`),
        ];
      case 'unsettled':
        return [
          lens(
            range,
            `Airflow: could not tell whether ${profile} has ${id}`,
            'airflow.refresh',
            [],
            'More DAGs matched than one lookup reads at most. Click to look again.',
          ),
        ];
      case 'missing':
        return [
          broken
            ? lens(
                range,
                `Airflow: not deployed on ${profile}: the file does not import (see Problems)`,
                'workbench.actions.view.problems',
              )
            : lens(
                range,
                `Airflow: not deployed on ${profile}`,
                '',
                [],
                `The server has no DAG "${id}". Deploy the file, or check the connection.`,
              ),
        ];
      case 'elsewhere':
        return [
          lens(
            range,
            `Airflow: ${id} on ${profile} comes from ${e.dag?.fileLocation ?? 'another file'}`,
            'airflow.revealDag',
            [id],
            'The server has a DAG with this id, defined in another file. Set "airflow.dagsFolder" if this file is that one.',
          ),
        ];
      case 'deployed': {
        const dag = e.dag!;
        const out = [
          lens(
            range,
            `Airflow: ${lastRunText(e.latest, dag.isPaused)}`,
            'airflow.revealDag',
            [id],
            `Last run of ${id} on ${profile}; click to show it in the Airflow view`,
          ),
          lens(
            range,
            e.deploy ? DEPLOY_TEXT[e.deploy] : 'checking deployment…',
            'airflow.showDagDiff',
            [doc.uri, id],
            `Compare the server's source of ${id} with this file`,
          ),
          lens(range, 'Trigger', 'airflow.triggerDag', [id]),
          lens(range, 'Trigger with Config…', 'airflow.triggerDagWithConfig', [id]),
          dag.isPaused
            ? lens(range, 'Unpause', 'airflow.unpauseDag', [id])
            : lens(range, 'Pause', 'airflow.pauseDag', [id]),
          lens(range, 'Show in Airflow View', 'airflow.revealDag', [id]),
          lens(range, 'Grid, Graph, Gantt', 'airflow.openRunView', [id], `Open the run view of ${id}`),
        ];
        if (e.latest?.state === 'failed') {
          out.push(
            lens(range, 'Open Last Failed Log', 'airflow.openFailedTaskLog', [
              { profileId: snap?.profileId, dagId: id, runId: e.latest.runId },
            ]),
          );
        }
        return out;
      }
    }
  }
}
