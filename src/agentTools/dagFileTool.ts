// The tool that maps a workspace file to the deployed DAGs it defines, as the DAG-file lenses do,
// and says whether each is deployed as written.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeFileDags } from './dagFileAnswer';
import type { AgentTool, ConnectionInput } from './toolContext';
import { oneLine } from './toolText';

interface FileInput extends ConnectionInput {
  /** A path in the workspace: relative to a workspace folder, or absolute. */
  path: string;
}

/** The file `p` names inside a workspace folder; undefined when it is outside every one. */
function workspaceFile(p: string): vscode.Uri | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const candidates = path.isAbsolute(p) ? [vscode.Uri.file(p)] : folders.map((f) => vscode.Uri.joinPath(f.uri, p));
  return candidates.find((uri) => vscode.workspace.getWorkspaceFolder(uri));
}

/** The lenses' own parts, in their chunk (dist/dagFiles.js). */
function lensParts(): typeof import('../dagFiles/chunk') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../dagFiles/chunk') as typeof import('../dagFiles/chunk');
}

export const dagFileTool: AgentTool<FileInput> = {
  name: 'airflow_dagForFile',
  progress: (i) => `Finding the deployed DAGs of ${oneLine(i.path, 80)}`,
  async run(input, on) {
    const parts = lensParts();
    const uri = workspaceFile(input.path);
    if (!uri) return `Error: ${oneLine(input.path, 200)} is not a file in this workspace's folders.`;
    let doc: vscode.TextDocument;
    try {
      doc = await vscode.workspace.openTextDocument(uri);
    } catch {
      return `Error: ${oneLine(input.path, 200)} cannot be read (no such file?).`;
    }
    const file = {
      name: vscode.workspace.asRelativePath(uri),
      text: doc.getText(),
      dirty: doc.isDirty,
      local: parts.localPathOf(uri),
    };
    return describeFileDags(file, on, parts);
  },
};
