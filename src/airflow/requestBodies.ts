// The JSON bodies both API generations send alike: a task-level clear, the relatives a state change
// reaches, and the batch list of task instances. restApi.ts, v1.ts and v2.ts send them.
import type * as M from './model';
import type { ClearTasksOptions, SetTaskStateOptions } from './operations';

/** A task-level clear's body; `taskIds` is how the generation names the tasks, if any are named. */
export function clearTaskInstancesBody(o: ClearTasksOptions, taskIds: () => unknown): Record<string, unknown> {
  const body: Record<string, unknown> = {
    dry_run: o.dryRun ?? false,
    dag_run_id: o.runId,
    only_failed: o.onlyFailed ?? false,
    include_upstream: o.includeUpstream ?? false,
    include_downstream: o.includeDownstream ?? false,
    include_future: false,
    include_past: false,
    only_running: false,
    reset_dag_runs: true,
  };
  if (o.tasks?.length) body.task_ids = taskIds();
  return body;
}

/** Which relatives of a task a state change reaches, as both generations name them. */
export function relativesOf(o: SetTaskStateOptions) {
  return {
    include_upstream: o.includeUpstream ?? false,
    include_downstream: o.includeDownstream ?? false,
    include_future: o.includeFuture ?? false,
    include_past: o.includePast ?? false,
  };
}

/**
 * One page of the task instances of some runs of one DAG (`POST /dags/~/dagRuns/~/taskInstances/list`).
 * Both generations page the batch in the body; only v2 takes an order (v1's form has none).
 */
export function taskInstancesOfRunsBody(
  dagId: string,
  runIds: readonly string[],
  page: Required<M.PageRequest>,
  order: string | undefined,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    dag_ids: [dagId],
    dag_run_ids: [...runIds],
    page_limit: page.limit,
    page_offset: page.offset,
  };
  if (order) body.order_by = order;
  return body;
}
