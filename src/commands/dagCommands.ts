// Commands on a DAG and on any row: pause/unpause, source, open in the web UI, copy its id.
import * as vscode from 'vscode';
import { dagWebUrl, requireWebAddress, runWebUrl, taskWebUrl, taskLabel, webUiRoot, type Dag } from '../airflow';
import type { Services } from '../services';
import type { Node } from '../views/explorer/nodes';
import { clientFor } from '../connection/clientFor';
import { command, type Command } from './command';
import { dagTarget, dagTargets, isNode } from './targets';
import { outsideText } from '../ui/outsideText';

export function dagCommands(s: Services): Command[] {
  return [
    command('airflow.pauseDag', (node?: unknown, selected?: unknown) => setPaused(s, node, selected, true)),
    command('airflow.unpauseDag', (node?: unknown, selected?: unknown) => setPaused(s, node, selected, false)),
    command('airflow.openDagSource', (node?: unknown) => openDagSource(s, node), {
      where: 'window',
      title: 'Fetching DAG source…',
    }),
    command('airflow.openInBrowser', (node?: unknown) => openInBrowser(s, node)),
    command('airflow.copyId', (node?: unknown) => copyId(node)),
  ];
}

/** Pauses or unpauses the chosen DAGs, one request each (never by pattern); the rows change as soon as the server answers. */
async function setPaused(s: Services, node: unknown, selected: unknown, paused: boolean): Promise<Dag[]> {
  const action = paused ? 'Pause DAG' : 'Unpause DAG';
  const targets = await dagTargets(s, node, selected, action);
  if (targets.length === 0) return [];
  const { client } = targets[0];
  const updated = await client.setPausedMany({ dagIds: targets.map((t) => t.dagId) }, paused);
  for (const dag of updated) s.explorer.changedDag(dag.dagId, dag);
  const names = updated.map((d) => d.dagId);
  vscode.window.setStatusBarMessage(
    `$(check) ${paused ? 'Paused' : 'Unpaused'} ${names.length === 1 ? outsideText(names[0]) : `${names.length} DAGs`}`,
    5000,
  );
  return updated;
}

/** The DAG's file as the server parsed it, read-only; offers the workspace's copy when there is one. */
async function openDagSource(s: Services, node: unknown): Promise<vscode.Uri | undefined> {
  const target = await dagTarget(s, node, 'Open DAG Source');
  if (!target) return undefined;
  const { client, dagId } = target;
  const dag = target.node?.dag.fileToken ? target.node.dag : await client.dagDetails(dagId);
  const source = await client.dagSource(dag);
  const fileName = dag.fileLocation?.split('/').pop() || `${dagId}.py`;
  const editor = await s.docs.open(`/source/${encodeURIComponent(dagId)}/${fileName}`, source, 'python');
  const local = dag.fileLocation ? await findLocalFile(dag.fileLocation) : undefined;
  if (local) {
    void vscode.window
      .showInformationMessage(
        `This is ${outsideText(fileName)} as the server parsed it. The workspace has ${outsideText(vscode.workspace.asRelativePath(local))}.`,
        'Open Local File',
      )
      .then((choice) => (choice ? vscode.window.showTextDocument(local) : undefined));
  }
  return editor.document.uri;
}

/** The workspace file whose path ends with the longest tail of the server's path (at least its file name and folder, or a unique file name). */
async function findLocalFile(serverPath: string): Promise<vscode.Uri | undefined> {
  const parts = serverPath.split('/').filter(Boolean);
  const name = parts[parts.length - 1];
  if (!name || !vscode.workspace.workspaceFolders?.length) return undefined;
  const candidates = await vscode.workspace.findFiles(`**/${name}`, '**/{node_modules,.git,.venv,venv}/**', 50);
  let best: { uri: vscode.Uri; common: number } | undefined;
  for (const uri of candidates) {
    const local = uri.path.split('/').filter(Boolean);
    let common = 0;
    while (
      common < Math.min(local.length, parts.length) &&
      local[local.length - 1 - common] === parts[parts.length - 1 - common]
    )
      common++;
    if (!best || common > best.common) best = { uri, common };
  }
  return best && (best.common >= 2 || candidates.length === 1) ? best.uri : undefined;
}

/** Opens the row's page in Airflow's web UI (2.x grid or 3.x pages, the profile's webUrl if set); resolves to the URL. */
async function openInBrowser(s: Services, node: unknown): Promise<string | undefined> {
  const { client } = await clientFor(s);
  const profile = s.store.active()?.profile;
  const root = webUiRoot(profile?.url ?? client.root, profile?.webUrl);
  let url: string | undefined;
  if (isNode(node, 'task') || isNode(node, 'try')) url = taskWebUrl(root, client.apiVersion, node.ti);
  else if (isNode(node, 'mapped'))
    url = taskWebUrl(root, client.apiVersion, { dagId: node.dagId, runId: node.runId, taskId: node.taskId });
  else if (isNode(node, 'run')) url = runWebUrl(root, client.apiVersion, node.run.dagId, node.run.runId);
  else {
    const target = await dagTarget(s, node, 'Open in Browser');
    if (target) url = dagWebUrl(root, target.dagId);
  }
  // Only http(s): a webUrl from settings could name a file share or a command.
  if (url) await vscode.env.openExternal(vscode.Uri.parse(requireWebAddress(url), true));
  return url;
}

/** Copies what identifies the row: DAG id, run id, or task id with its map index. */
async function copyId(node: unknown): Promise<string | undefined> {
  const text = idOf(node);
  if (text === undefined) return undefined;
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(copy) Copied ${outsideText(text)}`, 4000);
  return text;
}

function idOf(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  const n = node as Node | undefined;
  switch (n?.kind) {
    case 'dag':
      return n.dag.dagId;
    case 'run':
      return n.run.runId;
    case 'task':
    case 'try':
      return taskLabel({ taskId: n.ti.taskId, mapIndex: n.ti.mapIndex });
    case 'mapped':
      return n.taskId;
    default:
      return undefined;
  }
}
