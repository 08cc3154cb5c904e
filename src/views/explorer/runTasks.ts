// The rows under a run: its task instances in their task groups, in run order. No `vscode` import.
import type { AirflowClient, DagRun, TaskInstance } from '../../airflow';
import type { DagStructures } from './dagStructures';
import type { Current } from './dagList';
import type { Node } from './nodes';
import { taskTree, type TaskTreeEntry } from './taskGroups';

/** Reuses the tree's node object with the same id (ExplorerProvider.keep). */
export type Keep = <T extends Node>(fresh: T) => T;

/**
 * Reads a run's task instances and, beside them, its DAG version's structure from `structures`
 * (one task-list request per version; none once cached). Returns the instances too, for the
 * live refresh.
 */
export async function loadRunTasks(
  client: AirflowClient,
  structures: DagStructures,
  profileId: string,
  run: DagRun,
  current: Current,
): Promise<{ tis: TaskInstance[]; entries: TaskTreeEntry[] }> {
  const { dagId, runId } = run;
  const key = `${profileId}/${dagId}@${run.dagVersion ?? ''}`;
  const fetchTasks = () => client.listTasks(dagId);
  const [tis, cached] = await current(
    Promise.all([client.listTaskInstances(dagId, runId), structures.get(key, fetchTasks)]),
  );
  const structure =
    cached && tis.some((t) => !cached.rank.has(t.taskId))
      ? await current(
          structures.recheck(
            key,
            fetchTasks,
            tis.map((t) => t.taskId),
          ),
        )
      : cached;
  return { tis, entries: taskTree(tis, structure) };
}

/** Nodes for rows of a run (or of one of its groups): tasks, mapped tasks and groups. A task's node id is the same at any depth. */
export function taskRows(
  entries: TaskTreeEntry[],
  runNodeId: string,
  run: { dagId: string; runId: string },
  keep: Keep,
  groupId?: string,
): Node[] {
  return entries.map((entry) => {
    if (entry.kind === 'group') {
      return keep({
        kind: 'group',
        id: `${runNodeId}/group/${entry.groupId}`,
        groupId: entry.groupId,
        label: entry.label,
        runNodeId,
        dagId: run.dagId,
        runId: run.runId,
        entries: entry.children,
        tis: entry.tis,
      });
    }
    const [first] = entry.tis;
    if (entry.tis.length === 1 && first.mapIndex < 0)
      return keep({ kind: 'task', id: `${runNodeId}/task/${first.taskId}`, ti: first, groupId });
    return keep({
      kind: 'mapped',
      id: `${runNodeId}/task/${first.taskId}`,
      taskId: first.taskId,
      runId: run.runId,
      dagId: run.dagId,
      tis: entry.tis,
      groupId,
    });
  });
}
