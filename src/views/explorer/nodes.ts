// The explorer's node data, apart from how a node is drawn (treeItems.ts).
import type { Dag, DagRun, ImportError, TaskInstance } from '../../airflow';

/** The explorer's elements. Objects are kept per id so the tree can refresh one node in place. */
export type Node =
  | { kind: 'importErrors'; id: string; errors: ImportError[] }
  | { kind: 'importError'; id: string; error: ImportError }
  | { kind: 'dag'; id: string; dag: Dag; latest?: DagRun; favorite: boolean }
  | { kind: 'run'; id: string; run: DagRun }
  | { kind: 'task'; id: string; ti: TaskInstance }
  | { kind: 'mapped'; id: string; taskId: string; runId: string; dagId: string; tis: TaskInstance[] }
  | { kind: 'try'; id: string; ti: TaskInstance }
  | { kind: 'loadMore'; id: string; parent?: Node; shown: number; total: number }
  | { kind: 'message'; id: string; text: string; detail?: string; icon: string; retry?: Node | 'root' };

/**
 * contextValue tokens joined by spaces and matched in package.json `when` clauses with anchored
 * patterns, e.g. `viewItem =~ /^airflow\.dag\b/`.
 */
export function contextValue(kind: string, ...flags: (string | false | undefined)[]): string {
  return [`airflow.${kind}`, ...flags.filter(Boolean)].join(' ');
}
