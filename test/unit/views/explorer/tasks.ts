// A task of a DAG's structure, for the tests of a run's rows and of the DAG structures cache.
import type { Task } from '../../../../src/airflow';

export function task(taskId: string, downstream: string[] = []): Task {
  return { taskId, displayName: taskId, downstreamTaskIds: downstream, isMapped: false, operator: null, retries: 0 };
}
