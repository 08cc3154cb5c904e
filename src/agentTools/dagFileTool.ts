// The tool that maps a workspace file to the deployed DAGs it defines, as the DAG-file lenses do,
// and says whether each is deployed as written.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { header, type AgentTool, type ConnectionInput } from './toolContext';
import { oneLine, ToolText, when } from './toolText';

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
    const { findDagDefinitions, localPathOf, sameFile, sameSource } = lensParts();
    const uri = workspaceFile(input.path);
    if (!uri) return `Error: ${oneLine(input.path, 200)} is not a file in this workspace's folders.`;
    let doc: vscode.TextDocument;
    try {
      doc = await vscode.workspace.openTextDocument(uri);
    } catch {
      return `Error: ${oneLine(input.path, 200)} cannot be read (no such file?).`;
    }
    const defs = findDagDefinitions(doc.getText());
    const out = new ToolText();
    out.add(header(on));
    if (defs.length === 0) {
      out.add(
        `${vscode.workspace.asRelativePath(uri)} defines no DAG that a reading of its text finds (a DAG id built at run time is not seen).`,
      );
      return out.end();
    }
    const ids = defs.map((d) => d.dagId);
    const found = await on.client.findDags(ids);
    const local = localPathOf(uri);
    out.add(`${vscode.workspace.asRelativePath(uri)} defines ${ids.length} DAG${ids.length === 1 ? '' : 's'}:`);
    for (const def of defs) {
      const dag = found.found.get(def.dagId);
      const at = `line ${def.line + 1}`;
      if (!dag) {
        const why = found.missing.includes(def.dagId)
          ? 'not deployed on this server'
          : 'could not tell whether it is deployed';
        out.add(`- ${oneLine(def.dagId, 250)} (${at}): ${why}.`);
        continue;
      }
      if (!local || !dag.fileLocation || !sameFile(dag.fileLocation, local)) {
        out.add(
          `- ${oneLine(def.dagId, 250)} (${at}): deployed, but from another file: ${oneLine(dag.fileLocation ?? 'unknown', 300)}.`,
        );
        continue;
      }
      const server = await on.client.dagSource(dag);
      const state = sameSource(doc.getText(), server)
        ? 'deployed as written'
        : `deployed, but the server's source differs from this file${doc.isDirty ? ' (which has unsaved edits)' : ''}`;
      out.add(
        `- ${oneLine(def.dagId, 250)} (${at}): ${state}; ${dag.isPaused ? 'paused' : 'not paused'}; file on the server ${oneLine(dag.fileLocation, 300)}, parsed ${when(dag.lastParsed)}.`,
      );
    }
    return out.end();
  },
};
