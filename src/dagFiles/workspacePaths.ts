// Where a workspace file sits as the matcher of server paths sees it (paths.ts), per its folder's `airflow.dagsFolder`.
import * as vscode from 'vscode';
import { localPath, type LocalPath } from './paths';

/** The file's path as the matcher sees it, honouring `airflow.dagsFolder` of its workspace folder. */
export function localPathOf(uri: vscode.Uri): LocalPath | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder || uri.scheme !== 'file') return undefined;
  const setting = vscode.workspace.getConfiguration('airflow', folder.uri).get<string>('dagsFolder', '');
  return localPath(uri.fsPath, folder.uri.fsPath, setting);
}
