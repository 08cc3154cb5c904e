// Loads the rows under a run: its task instances in their task groups, in run order, and a mapped task's expansions. No `vscode` import.
import { FINAL_RUN_STATES, isFinalTaskState, type AirflowClient, type DagRun, type TaskInstance } from '../../airflow';
import type { DagStructures } from './dagStructures';
import type { Current } from './dagList';
import type { LiveRefresh } from './liveRefresh';
import type { Keep, LoadContext } from './loadContext';
import { nodeIds } from './nodeIds';
import type { Node } from './nodes';
import { taskTree, type TaskTreeEntry } from './taskGroups';

/** A run's task instances in their task groups, in run order (the DAG's structure read once per DAG version). */
export async function runTaskRows(
  { client, profileId, current, keep }: LoadContext,
  node: Extract<Node, { kind: 'run' }>,
  structures: DagStructures,
  live: Pick<LiveRefresh, 'setLive'>,
): Promise<Node[]> {
  const { tis, entries } = await loadRunTasks(client, structures, profileId, node.run, current);
  live.setLive(node.id, !FINAL_RUN_STATES.has(node.run.state) || tis.some((t) => !isFinalTaskState(t.state)));
  if (entries.length === 0)
    return [keep({ kind: 'message', id: nodeIds.empty(node.id), text: 'No task instances yet', icon: 'info' })];
  return taskRows(entries, node.id, node.run, keep);
}

/** The rows of a task group: its tasks and subgroups, as under the run. */
export function groupRows({ keep }: LoadContext, node: Extract<Node, { kind: 'group' }>): Node[] {
  return taskRows(node.entries, node.runNodeId, node, keep, node.groupId);
}

/** The expansions of a mapped task, one row each. */
export function mapIndexRows({ keep }: LoadContext, node: Extract<Node, { kind: 'mapped' }>): Node[] {
  return node.tis.map((ti) => keep({ kind: 'task', id: nodeIds.mapIndex(node.id, ti.mapIndex), ti }));
}

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
        id: nodeIds.group(runNodeId, entry.groupId),
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
      return keep({ kind: 'task', id: nodeIds.task(runNodeId, first.taskId), ti: first, groupId });
    return keep({
      kind: 'mapped',
      id: nodeIds.task(runNodeId, first.taskId),
      taskId: first.taskId,
      runId: run.runId,
      dagId: run.dagId,
      tis: entry.tis,
      groupId,
    });
  });
}
