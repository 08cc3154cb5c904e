// Commands of the DAG file lenses: compare the file with the deployed source, show the DAG in the Airflow view.
import * as vscode from 'vscode';
import { InvalidInputError } from '../airflow';
import type { DagFiles } from '../dagFiles/dagFiles';
import type { Services } from '../services';
import { clientFor } from '../connection/clientFor';
import { command, type Command } from './command';
import { outsideText } from '../ui/outsideText';
import { nodeIds } from '../views/explorer/nodeIds';

export function dagFileCommands(s: Services): Command[] {
  return [
    command('airflow.showDagDiff', (uri?: vscode.Uri, dagId?: string) => showDiff(s, s.dagFiles.get(), uri, dagId), {
      where: 'window',
      title: 'Fetching DAG source…',
    }),
    command('airflow.revealDag', (dagId?: string) => revealDag(s, dagId)),
  ];
}

/** A diff editor: the server's source on the left, the local file on the right. Resolves to the left side's URI. */
async function showDiff(
  s: Services,
  files: DagFiles,
  uri: vscode.Uri | undefined,
  dagId: string | undefined,
): Promise<vscode.Uri | undefined> {
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!doc)
    throw new InvalidInputError(
      'Open a DAG file first: "Compare with Deployed DAG" compares the active file with the server\'s source.',
    );
  const ids = dagId ? [dagId] : files.definitions(doc).defs.map((d) => d.dagId);
  if (ids.length === 0)
    throw new InvalidInputError(
      `No DAG definition with a literal id found in ${vscode.workspace.asRelativePath(doc.uri)}.`,
    );
  for (const id of ids) {
    const server = await files.serverSource(id);
    if (!server) continue;
    const name = server.dag.fileLocation?.split('/').pop() || `${id}.py`;
    const left = s.docs.put(`/deployed/${encodeURIComponent(id)}/${name}`, server.text);
    await vscode.commands.executeCommand(
      'vscode.diff',
      left,
      doc.uri,
      `${name} (${server.profileName}) ↔ ${vscode.workspace.asRelativePath(doc.uri)}`,
    );
    return left;
  }
  const profile = s.store.active()?.profile.name ?? 'the active connection';
  throw new InvalidInputError(
    `${ids.join(', ')} ${ids.length === 1 ? 'is' : 'are'} not deployed on ${profile} (or not checked yet): nothing to compare with.`,
  );
}

/** Opens the Airflow view and selects the DAG's row; says why when the view does not show it. */
async function revealDag(s: Services, dagId: string | undefined): Promise<boolean> {
  if (typeof dagId !== 'string' || !dagId) throw new InvalidInputError('Show in Airflow View needs a DAG id.');
  const { profileId } = await clientFor(s);
  await vscode.commands.executeCommand('workbench.view.extension.airflow');
  // A view that has just opened may still be loading, or reloading (a connection change redraws it):
  // a reveal that lands while its rows are replaced fails, so it is tried again on the fresh rows.
  for (let attempt = 1; ; attempt++) {
    await s.explorer.getChildren();
    const node = s.explorer.node(nodeIds.dag(profileId, dagId));
    const view = s.explorer.treeView;
    if (!node || !view) {
      void vscode.window
        .showInformationMessage(
          `${outsideText(dagId)} is not in the Airflow view: its filter hides it, or it is beyond the DAGs loaded so far.`,
          'Clear Filter',
        )
        .then((choice) => (choice ? vscode.commands.executeCommand('airflow.clearFilter') : undefined));
      return false;
    }
    try {
      await view.reveal(node, { select: true, focus: true, expand: false });
      return true;
    } catch (err) {
      if (attempt >= 3) throw err;
      s.log.info(`Show in Airflow View: the view was reloading (${String(err)}); trying again`);
      await new Promise((r) => setTimeout(r, 300 * attempt));
    }
  }
}
