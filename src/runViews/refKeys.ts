// The one name of a task instance between the extension and the run view's page: a key the
// extension makes and later looks up, so the page never hands ids back. Pure: no `vscode` import.
import type { TaskInstanceRef } from '../airflow';

/** The key of a task instance of a DAG's run view (the DAG is the panel's: not part of the key). */
export function refKey(ref: Pick<TaskInstanceRef, 'runId' | 'taskId' | 'mapIndex'>): string {
  return JSON.stringify([ref.runId, ref.taskId, ref.mapIndex ?? -1]);
}

/** A row's key: tasks and groups apart, as a group may share its id with a task. */
export function rowKey(kind: 'task' | 'group', id: string): string {
  return `${kind === 'task' ? 't' : 'g'}:${id}`;
}
