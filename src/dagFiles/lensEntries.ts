// What the lenses of one document show: each DAG it defines, matched with what the last refresh learnt about it.
import type * as vscode from 'vscode';
import type { DagDefinition } from './dagIds';
import { deployState } from './lensText';
import { sameFile, type LocalPath } from './paths';
import type { SourceEntry } from './serverSources';
import type { DagFileEntry, Snapshot } from './snapshot';

/** The entries of `doc`'s definitions against `snap` (none yet: every one is unknown). */
export function lensEntries(
  doc: vscode.TextDocument,
  defs: DagDefinition[],
  snap: Snapshot | undefined,
  local: LocalPath | undefined,
  sources: {
    get(profileId: string, dag: NonNullable<DagFileEntry['dag']>): SourceEntry | undefined;
    localChangedAt(doc: vscode.TextDocument): number;
  },
): DagFileEntry[] {
  return defs.map((def) => {
    const dag = snap?.dags.get(def.dagId);
    if (!snap || snap.error) return { def, status: 'unknown' };
    if (!dag)
      return {
        def,
        status: snap.missing.has(def.dagId) ? 'missing' : snap.unsettled.has(def.dagId) ? 'unsettled' : 'unknown',
      };
    const latest = snap.latest.get(def.dagId);
    if (!local || !dag.fileLocation || !sameFile(dag.fileLocation, local))
      return { def, status: 'elsewhere', dag, latest };
    const source = sources.get(snap.profileId, dag);
    const deploy = source && deployState(doc.getText(), source.text, sources.localChangedAt(doc), source.changedAt);
    return { def, status: 'deployed', dag, latest, deploy };
  });
}
