// How an expanded run lists its task instances: one group per task (mapped ones together), upstream first. No `vscode` import.
import type { TaskInstance } from '../../airflow';

/** Task instances grouped by task id, each group by map index, groups in the order `compareTaskGroups` gives. */
export function groupTaskInstances(tis: TaskInstance[]): TaskInstance[][] {
  const byTask = new Map<string, TaskInstance[]>();
  for (const ti of tis) byTask.set(ti.taskId, [...(byTask.get(ti.taskId) ?? []), ti]);
  // Groups are ordered by their first instance as the server sent it, then each is put in map-index order.
  return [...byTask.values()].sort(compareTaskGroups).map((group) => group.sort((a, b) => a.mapIndex - b.mapIndex));
}

/** Upstream first: with the default weight rule upstream tasks weigh more; then start time, then id. */
function compareTaskGroups(a: TaskInstance[], b: TaskInstance[]): number {
  const wa = Math.max(...a.map((t) => t.priorityWeight ?? 0));
  const wb = Math.max(...b.map((t) => t.priorityWeight ?? 0));
  if (wa !== wb) return wb - wa;
  const sa = a[0].startDate ?? '9999';
  const sb = b[0].startDate ?? '9999';
  return sa === sb ? a[0].taskId.localeCompare(b[0].taskId) : sa.localeCompare(sb);
}
