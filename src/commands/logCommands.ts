// Commands for task logs: open (latest or a chosen try), the failed task of a run, save in full.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { InvalidInputError, isFinalTaskState, taskLabel } from '../airflow';
import { currentTaskInstance } from '../logs/clientLogSource';
import type { LogDocumentProvider } from '../logs/logDocumentProvider';
import { LOG_LANGUAGE, logUri, refLabel, refOf } from '../logs/logDocuments';
import { pickDag, pickOne, pickRun, pickTaskInstance, pickTry } from '../ui/pickers';
import { saveFullLog } from '../logs/saveLog';
import { saveFileName, type LogRef } from '../logs/logUri';
import type { Services } from '../services';
import type { Node } from '../views/explorer/nodes';
import { clientFor } from '../connection/clientFor';
import { command, type Command } from './command';
import { outsideText } from '../ui/outsideText';

/** What tree items (and other commands) pass to `airflow.openLog` / `airflow.openLogTry`. */
export interface OpenLogArgs {
  profileId?: string;
  dagId?: string;
  runId?: string;
  taskId?: string;
  mapIndex?: number;
  tryNumber?: number;
}

/** A task instance or try row of the explorer, as its context menu passes it. */
type TreeElement = Extract<Node, { kind: 'task' | 'try' }>;

function fromTree(args: OpenLogArgs | TreeElement | undefined): OpenLogArgs | undefined {
  if (!args || !('kind' in args)) return args;
  const { dagId, runId, taskId, mapIndex, tryNumber } = args.ti;
  // A task row means its latest try; a try row means that try.
  return { dagId, runId, taskId, mapIndex, tryNumber: args.kind === 'try' ? tryNumber : undefined };
}

export function logCommands(s: Services): Command[] {
  const open = (args: OpenLogArgs | TreeElement | undefined, askTry: boolean) =>
    openLog(s, s.logs, fromTree(args), askTry);
  return [
    command('airflow.openLog', (args?: OpenLogArgs | TreeElement) => open(args, false)),
    command('airflow.openLogTry', (args?: OpenLogArgs | TreeElement) => open(args, true)),
    command('airflow.openFailedTaskLog', (args: { profileId?: string; dagId: string; runId: string }) =>
      openFailedTaskLog(s, s.logs, args),
    ),
    command('airflow.saveLog', (uri?: vscode.Uri) => saveLog(s, uri)),
  ];
}

type LogDeps = Pick<Services, 'store' | 'clients' | 'log'>;

/** Opens a log tab; returns its URI (undefined when the user cancelled a pick). */
async function openLog(
  deps: LogDeps,
  provider: LogDocumentProvider,
  args: OpenLogArgs | undefined,
  askTry: boolean,
): Promise<vscode.Uri | undefined> {
  const { profileId, client } = await clientFor(deps, args?.profileId);
  const dagId = args?.dagId ?? (await pickDag(client));
  if (!dagId) return undefined;
  const runId = args?.runId ?? (await pickRun(client, dagId));
  if (!runId) return undefined;
  let taskId = args?.taskId;
  let mapIndex = args?.mapIndex ?? -1;
  let latest: number;
  if (taskId) {
    latest =
      args?.tryNumber ??
      (await currentTaskInstance(client, { profileId, dagId, runId, taskId, mapIndex, tryNumber: 0 }))?.tryNumber ??
      0;
  } else {
    const ti = await pickTaskInstance(client, dagId, runId);
    if (!ti) return undefined;
    ({ taskId, mapIndex } = ti);
    latest = ti.tryNumber;
    askTry ||= ti.tryNumber > 1;
  }
  let tryNumber = args?.tryNumber ?? latest;
  if (askTry && latest >= 1) {
    const picked = await pickTry(client, { dagId, runId, taskId, mapIndex }, latest);
    if (!picked) return undefined;
    tryNumber = picked;
  }
  return showLog(provider, { profileId, dagId, runId, taskId, mapIndex, tryNumber });
}

async function showLog(provider: LogDocumentProvider, ref: LogRef): Promise<vscode.Uri> {
  const uri = logUri(ref);
  const already = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  let doc = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Window,
      title: `Loading log of ${outsideText(ref.taskId)} try ${outsideText(ref.tryNumber)}`,
    },
    async () => {
      // Its tab was closed (its session stopped) but VS Code kept the document: read it afresh.
      if (already && !provider.session(uri)) await provider.reopen(uri);
      return vscode.workspace.openTextDocument(uri);
    },
  );
  if (doc.languageId !== LOG_LANGUAGE) {
    // VS Code closes the document and opens another for the new language: go on with that one.
    doc = await vscode.languages.setTextDocumentLanguage(doc, LOG_LANGUAGE).then(
      (d) => d,
      () => doc,
    );
  }
  await vscode.window.showTextDocument(uri, { preview: false });
  // The tab fills as the log streams in; the command ends (and its progress goes) once it has all.
  await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Window,
      title: `Loading log of ${outsideText(ref.taskId)} try ${outsideText(ref.tryNumber)}`,
    },
    () => provider.loaded(doc),
  );
  // A log's end is what the user came for (the error of a failed try, the live tail of a running
  // one): a newly opened tab goes there. A tab that was already open keeps where its user was.
  if (!already) revealEnd(uri);
  return uri;
}

function revealEnd(uri: vscode.Uri): void {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  if (!editor) return;
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  editor.selection = new vscode.Selection(end, end);
  editor.revealRange(new vscode.Range(end, end), vscode.TextEditorRevealType.Default);
}

/** "Go to Log" of a failed run: the failed task's latest try (a pick when several failed). */
export async function openFailedTaskLog(
  deps: LogDeps,
  provider: LogDocumentProvider,
  args: { profileId?: string; dagId: string; runId: string },
): Promise<vscode.Uri | undefined> {
  const { profileId, client } = await clientFor(deps, args.profileId);
  const tis = await client.listTaskInstances(args.dagId, args.runId);
  const failed = tis.filter((t) => t.state === 'failed');
  const candidates = failed.length
    ? failed
    : tis.filter((t) => t.state === 'upstream_failed' || (t.state !== null && !isFinalTaskState(t.state)));
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(
      `No failed task in run ${outsideText(args.runId)} of ${outsideText(args.dagId)}.`,
    );
    return undefined;
  }
  const ti =
    candidates.length === 1
      ? candidates[0]
      : await pickOne('Go to Log: failed task', `${candidates.length} tasks failed in ${args.runId}`, async () =>
          candidates.map((t) => ({ label: taskLabel(t), description: `${t.state} · try ${t.tryNumber}`, value: t })),
        );
  if (!ti) return undefined;
  return showLog(provider, {
    profileId,
    dagId: ti.dagId,
    runId: ti.runId,
    taskId: ti.taskId,
    mapIndex: ti.mapIndex,
    tryNumber: ti.tryNumber,
  });
}

async function saveLog(deps: LogDeps, uri: vscode.Uri | undefined): Promise<void> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  const ref = target && refOf(target);
  if (!ref)
    throw new InvalidInputError('Open an Airflow log first: "Save Full Log" saves the log of the active log tab.');
  const file = await vscode.window.showSaveDialog({
    title: 'Save Full Airflow Log',
    defaultUri: vscode.Uri.joinPath(
      vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir()),
      saveFileName(ref),
    ),
    filters: { Logs: ['log', 'txt'] },
  });
  if (!file) return;
  const { client } = await clientFor(deps, ref.profileId);
  const lines = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Saving the log of ${outsideText(ref.taskId)} try ${outsideText(ref.tryNumber)}`,
      cancellable: true,
    },
    (_p, cancel) => saveFullLog(client, ref, file.fsPath, cancel),
  );
  deps.log.info(`Saved ${lines} lines of ${refLabel(ref)} to ${file.fsPath}`);
  void vscode.window.showInformationMessage(
    `Saved ${lines.toLocaleString('en-US')} lines to ${outsideText(file.fsPath)}.`,
  );
}
