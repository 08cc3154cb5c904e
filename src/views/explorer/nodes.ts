// The explorer's node data, apart from how a node is drawn (treeItems.ts).
import type { Dag, DagRun, ImportError, TaskInstance } from '../../airflow';
import type { TaskTreeEntry } from './taskGroups';

/** The explorer's elements. Objects are kept per id so the tree can refresh one node in place. */
export type Node =
  | { kind: 'importErrors'; id: string; errors: ImportError[] }
  | { kind: 'importError'; id: string; error: ImportError }
  | { kind: 'dag'; id: string; dag: Dag; latest?: DagRun; favorite: boolean }
  | { kind: 'run'; id: string; run: DagRun }
  // `groupId`: the task group the row is shown in (its label drops the group's prefix).
  | { kind: 'task'; id: string; ti: TaskInstance; groupId?: string }
  | { kind: 'mapped'; id: string; taskId: string; runId: string; dagId: string; tis: TaskInstance[]; groupId?: string }
  // A task group of a run: `entries` are its rows (tasks and subgroups, in run order), `tis` every instance under it.
  | {
      kind: 'group';
      id: string;
      groupId: string;
      label: string;
      runNodeId: string;
      dagId: string;
      runId: string;
      entries: TaskTreeEntry[];
      tis: TaskInstance[];
    }
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
