// Pure: the answer of the file tool, from the file's text and what the server has: each DAG the
// file defines, whether it is deployed, from which file, and whether its source is the file's.
import type { AirflowClient } from '../airflow';
import type { DagDefinition } from '../dagFiles/dagIds';
import type { LocalPath } from '../dagFiles/paths';
import { header, type ToolConnection } from './toolContext';
import { oneLine, ToolText, when } from './toolText';

/** The workspace file as the tool read it. */
export interface WorkspaceFile {
  /** Relative to its workspace folder, as the answer names it. */
  name: string;
  text: string;
  /** It has unsaved edits. */
  dirty: boolean;
  /** Its path as the lenses match it against the server's (`airflow.dagsFolder` honoured). */
  local: LocalPath | undefined;
}

/** The lenses' own matching, handed in (it lives in their chunk). */
export interface LensMatching {
  findDagDefinitions(text: string): DagDefinition[];
  sameFile(serverPath: string, local: LocalPath): boolean;
  sameSource(a: string, b: string): boolean;
}

export async function describeFileDags(file: WorkspaceFile, on: ToolConnection, m: LensMatching): Promise<string> {
  const defs = m.findDagDefinitions(file.text);
  const out = new ToolText();
  out.add(header(on));
  if (defs.length === 0) {
    out.add(`${file.name} defines no DAG that a reading of its text finds (a DAG id built at run time is not seen).`);
    return out.end();
  }
  const found = await on.client.findDags(defs.map((d) => d.dagId));
  out.add(`${file.name} defines ${defs.length} DAG${defs.length === 1 ? '' : 's'}:`);
  // One file's DAGs share one source on the server: read once.
  const sources = new Map<string, Promise<string>>();
  const sourceOf = (client: AirflowClient, dag: { dagId: string; fileToken: string | null; fileLocation: string }) => {
    if (!sources.has(dag.fileLocation)) sources.set(dag.fileLocation, client.dagSource(dag));
    return sources.get(dag.fileLocation)!;
  };
  const lines: string[] = [];
  for (const def of defs) {
    const dag = found.found.get(def.dagId);
    const about = `- ${oneLine(def.dagId, 250)} (line ${def.line + 1})`;
    if (!dag) {
      lines.push(
        `${about}: ${found.missing.includes(def.dagId) ? 'not deployed on this server' : 'could not tell whether it is deployed'}.`,
      );
    } else if (!file.local || !dag.fileLocation || !m.sameFile(dag.fileLocation, file.local)) {
      lines.push(`${about}: deployed, but from another file: ${oneLine(dag.fileLocation ?? 'unknown', 300)}.`);
    } else {
      const same = m.sameSource(file.text, await sourceOf(on.client, { ...dag, fileLocation: dag.fileLocation }));
      const state = same
        ? 'deployed as written'
        : `deployed, but the server's source differs from this file${file.dirty ? ' (which has unsaved edits)' : ''}`;
      lines.push(
        `${about}: ${state}; ${dag.isPaused ? 'paused' : 'not paused'}; file on the server ${oneLine(dag.fileLocation, 300)}, parsed ${when(dag.lastParsed)}.`,
      );
    }
  }
  out.items(lines, (l) => l, { offset: 0, more: (n) => `… and ${n} more DAGs in this file.` });
  return out.end();
}
