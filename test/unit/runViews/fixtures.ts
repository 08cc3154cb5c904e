// A small DAG for the run views' tests: a task group, a mapped task, a failed run; and makers of runs and task instances.
import type { DagRun, RunState, Task, TaskInstance, TaskState } from '../../../src/airflow';
import { task } from '../views/explorer/tasks';

export function run(runId: string, state: RunState, start: string | null, end: string | null): DagRun {
  return {
    dagId: 'etl',
    runId,
    state,
    runType: 'scheduled',
    conf: {},
    note: null,
    logicalDate: start,
    queuedAt: start,
    startDate: start,
    endDate: end,
    dataIntervalStart: null,
    dataIntervalEnd: null,
    triggeredBy: null,
  };
}

export function ti(
  runId: string,
  taskId: string,
  state: TaskState,
  o: { mapIndex?: number; queued?: string | null; start?: string | null; end?: string | null; tryNumber?: number } = {},
): TaskInstance {
  return {
    dagId: 'etl',
    runId,
    taskId,
    displayName: taskId,
    mapIndex: o.mapIndex ?? -1,
    renderedMapIndex: null,
    tryNumber: o.tryNumber ?? 1,
    maxTries: 1,
    state,
    queuedAt: o.queued ?? null,
    startDate: o.start ?? null,
    endDate: o.end ?? null,
    duration: null,
    operator: null,
    hostname: null,
    pool: null,
    queue: null,
    note: null,
    priorityWeight: null,
  };
}

/** extract -> section.load -> section.check -> process (mapped) -> report. */
export const TASKS: Task[] = [
  task('extract', ['section.load']),
  task('section.load', ['section.check']),
  task('section.check', ['process']),
  { ...task('process', ['report']), isMapped: true },
  task('report'),
];

/** Two runs, listed newest first: r2 failed in the group, r1 succeeded. */
export const RUNS = [
  run('r2', 'failed', '2026-11-24T03:00:00Z', '2026-11-24T03:10:00Z'),
  run('r1', 'success', '2026-11-23T03:00:00Z', '2026-11-23T03:05:00Z'),
];

export const TIS: TaskInstance[] = [
  ti('r1', 'extract', 'success'),
  ti('r1', 'section.load', 'success'),
  ti('r1', 'section.check', 'success'),
  ti('r1', 'process', 'success', { mapIndex: 0 }),
  ti('r1', 'process', 'success', { mapIndex: 1 }),
  ti('r1', 'report', 'success'),
  ti('r2', 'extract', 'success'),
  ti('r2', 'section.load', 'success'),
  ti('r2', 'section.check', 'failed', { tryNumber: 2 }),
  ti('r2', 'process', 'upstream_failed', { mapIndex: 0 }),
  ti('r2', 'process', 'upstream_failed', { mapIndex: 1 }),
  ti('r2', 'process', 'upstream_failed', { mapIndex: 2 }),
  ti('r2', 'report', 'upstream_failed'),
];
