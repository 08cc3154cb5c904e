// The tools that change Airflow: trigger, pause, clear, mark. Each says exactly what will change
// before it runs (the server's dry run where it has one), and changes nothing unless confirmed.
import { taskLabel, type RunState, type TaskInstanceRef, type TaskSelector } from '../airflow';
import { confProblems } from './confCheck';
import { outsideText } from '../ui/outsideText';
import { header, type AgentTool, type ConnectionInput, type ToolConnection } from './toolContext';
import { oneLine, ToolText } from './toolText';

/** "3 task instances: extract, transform, load [0]" (ids from the server: shown, never obeyed). */
export function refsText(refs: Array<Pick<TaskInstanceRef, 'taskId' | 'mapIndex'>>, shown = 20): string {
  const names = refs.slice(0, shown).map((r) => outsideText(taskLabel(r), 120));
  const more = refs.length > shown ? `, … (${refs.length - shown} more)` : '';
  return `${refs.length} task instance${refs.length === 1 ? '' : 's'}: ${names.join(', ')}${more}`;
}

const where = (on: ToolConnection) => `on connection "${outsideText(on.name, 80)}"`;
const q = (id: string) => `"${outsideText(id, 200)}"`;

interface TriggerInput extends ConnectionInput {
  dagId: string;
  conf?: Record<string, unknown>;
  runId?: string;
  note?: string;
}

async function triggerProblems(input: TriggerInput, on: ToolConnection): Promise<string[]> {
  if (input.conf !== undefined && (typeof input.conf !== 'object' || input.conf === null || Array.isArray(input.conf)))
    return ['conf: must be a JSON object'];
  const details = await on.client.dagDetails(input.dagId);
  return confProblems(details.params, input.conf ?? {});
}

export const triggerTool: AgentTool<TriggerInput> = {
  name: 'airflow_trigger',
  changes: true,
  progress: (i) => `Triggering ${oneLine(i.dagId, 60)}`,
  async confirm(input, on) {
    if ((await triggerProblems(input, on)).length) return undefined;
    const conf =
      input.conf && Object.keys(input.conf).length ? ` with conf ${outsideText(JSON.stringify(input.conf), 400)}` : '';
    return {
      title: `Trigger ${q(input.dagId)}?`,
      message: `A new run of DAG ${q(input.dagId)} ${where(on)}${conf}${input.runId ? `, run id ${q(input.runId)}` : ''}.`,
    };
  },
  async run(input, on, _deps, { confirmed }) {
    const problems = await triggerProblems(input, on);
    if (problems.length) {
      const out = new ToolText();
      out.add(`Not triggered: the conf does not fit the params of ${oneLine(input.dagId, 250)} (nothing was sent):`);
      out.add('airflow_dagDetails lists the params with their schemas. The problems:');
      out.items(problems, (p) => `- ${oneLine(p, 300)}`, { offset: 0, more: (n) => `… and ${n} more problems.` });
      return out.end();
    }
    if (!confirmed) return 'Not triggered: the user did not confirm it.';
    const run = await on.client.trigger(input.dagId, { conf: input.conf, runId: input.runId, note: input.note });
    return `${header(on)}\nTriggered: run_id ${oneLine(run.runId, 250)}, state ${run.state}. airflow_waitForRun follows it.`;
  },
};

interface PauseInput extends ConnectionInput {
  dagId: string;
  paused: boolean;
}

export const setPausedTool: AgentTool<PauseInput> = {
  name: 'airflow_setPaused',
  changes: true,
  progress: (i) => `${i.paused ? 'Pausing' : 'Unpausing'} ${oneLine(i.dagId, 60)}`,
  async confirm(input, on) {
    const dag = await on.client.dagDetails(input.dagId);
    if (dag.isPaused === input.paused) return undefined;
    return {
      title: `${input.paused ? 'Pause' : 'Unpause'} ${q(input.dagId)}?`,
      message: input.paused
        ? `DAG ${q(input.dagId)} ${where(on)} stops being scheduled; running tasks finish.`
        : `DAG ${q(input.dagId)} ${where(on)} is scheduled again (catch-up runs may start if its catchup is on).`,
    };
  },
  async run(input, on, _deps, { confirmed }) {
    const dag = await on.client.dagDetails(input.dagId);
    if (dag.isPaused === input.paused)
      return `${header(on)}\n${oneLine(input.dagId, 250)} is already ${input.paused ? 'paused' : 'unpaused'}; nothing changed.`;
    if (!confirmed) return 'Not changed: the user did not confirm it.';
    const after = await on.client.setPaused(input.dagId, input.paused);
    return `${header(on)}\n${oneLine(after.dagId, 250)} is now ${after.isPaused ? 'paused' : 'unpaused'}.`;
  },
};

interface ClearInput extends ConnectionInput {
  dagId: string;
  runId: string;
  /** Task ids to clear; none: the whole run. */
  taskIds?: string[];
  /** With one task id: only this expansion of a mapped task. */
  mapIndex?: number;
  includeDownstream?: boolean;
  includeUpstream?: boolean;
  onlyFailed?: boolean;
}

function clearNow(input: ClearInput, on: ToolConnection, dryRun: boolean): Promise<TaskInstanceRef[]> {
  if (!input.taskIds?.length)
    return on.client.clearDagRun(input.dagId, input.runId, { onlyFailed: input.onlyFailed, dryRun });
  const tasks: TaskSelector[] =
    input.taskIds.length === 1 && input.mapIndex !== undefined && input.mapIndex >= 0
      ? [{ taskId: input.taskIds[0], mapIndex: input.mapIndex }]
      : input.taskIds;
  return on.client.clearTaskInstances(input.dagId, {
    runId: input.runId,
    tasks,
    includeDownstream: input.includeDownstream ?? false,
    includeUpstream: input.includeUpstream ?? false,
    onlyFailed: input.onlyFailed ?? false,
    dryRun,
  });
}

export const clearTool: AgentTool<ClearInput> = {
  name: 'airflow_clear',
  changes: true,
  progress: (i) => `Clearing in run ${oneLine(i.runId, 60)}`,
  async confirm(input, on) {
    const preview = await clearNow(input, on, true);
    if (!preview.length) return undefined;
    return {
      title: `Clear ${preview.length} task instance${preview.length === 1 ? '' : 's'}?`,
      message: `Clear ${refsText(preview)}, in run ${q(input.runId)} of DAG ${q(input.dagId)} ${where(on)}. They are queued to run again; their logs so far are kept as earlier tries.`,
    };
  },
  async run(input, on, _deps, { confirmed }) {
    if (!confirmed) {
      const preview = await clearNow(input, on, true);
      return preview.length
        ? 'Not cleared: the user did not confirm it.'
        : `${header(on)}\nNothing to clear with these options; nothing was sent.`;
    }
    const cleared = await clearNow(input, on, false);
    return `${header(on)}\nCleared ${refsText(cleared)}. airflow_waitForRun follows the run.`;
  },
};

interface MarkInput extends ConnectionInput {
  dagId: string;
  runId: string;
  /** A task to mark; none: the run. */
  taskId?: string;
  mapIndex?: number;
  state: 'success' | 'failed' | 'skipped';
}

/** What marking would change: the server's dry run for a task; for a run (no dry run), its task instances that change. */
async function markPreview(input: MarkInput, on: ToolConnection): Promise<TaskInstanceRef[]> {
  if (input.taskId) return on.client.setTaskInstanceState(markRef(input), input.state, { dryRun: true });
  const tis = await on.client.listTaskInstances(input.dagId, input.runId);
  return tis.filter((t) =>
    input.state === 'success'
      ? t.state !== 'success' && t.state !== 'skipped'
      : !['success', 'failed', 'skipped', 'upstream_failed'].includes(t.state ?? ''),
  );
}

const markRef = (i: MarkInput): TaskInstanceRef => ({
  dagId: i.dagId,
  runId: i.runId,
  taskId: i.taskId!,
  mapIndex: i.mapIndex ?? -1,
});

export const markTool: AgentTool<MarkInput> = {
  name: 'airflow_mark',
  changes: true,
  progress: (i) => `Marking ${i.taskId ? oneLine(i.taskId, 60) : `run ${oneLine(i.runId, 60)}`} ${i.state}`,
  async confirm(input, on) {
    if (!input.taskId && input.state === 'skipped') return undefined;
    const preview = await markPreview(input, on);
    if (input.taskId && !preview.length) return undefined;
    const what = input.taskId ? refsText(preview) : `run ${q(input.runId)}`;
    const effect = input.taskId
      ? ''
      : preview.length
        ? ` ${refsText(preview)} become ${input.state}.`
        : ' No task instance changes state.';
    return {
      title: `Mark ${input.taskId ? `${preview.length} task instance${preview.length === 1 ? '' : 's'}` : 'the run'} ${input.state}?`,
      message: `Mark ${what} as ${input.state}, in run ${q(input.runId)} of DAG ${q(input.dagId)} ${where(on)}.${effect}`,
    };
  },
  async run(input, on, _deps, { confirmed }) {
    if (!input.taskId && input.state === 'skipped')
      return 'Error: a run is marked success or failed; "skipped" is for a task.';
    if (!confirmed) {
      const preview = input.taskId ? await markPreview(input, on) : [1];
      return preview.length
        ? 'Not marked: the user did not confirm it.'
        : `${header(on)}\nNothing changes: it is already ${input.state}.`;
    }
    if (input.taskId) {
      const changed = await on.client.setTaskInstanceState(markRef(input), input.state);
      return `${header(on)}\nMarked ${refsText(changed)} as ${input.state}.`;
    }
    const run = await on.client.setDagRunState(input.dagId, input.runId, input.state as RunState);
    return `${header(on)}\nRun ${oneLine(run.runId, 250)} is now ${run.state}.`;
  },
};

export const changeTools = [triggerTool, setPausedTool, clearTool, markTool];
