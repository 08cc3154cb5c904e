// The tools that read runs: a DAG's runs, a run's task instances, and waiting for a run to end.
import { FINAL_RUN_STATES, taskLabel, type DagRun, type RunState, type TaskInstance } from '../airflow';
import { header, type AgentTool, type ConnectionInput } from './toolContext';
import { dataBlock, duration, oneLine, ToolText, when } from './toolText';

interface RunsInput extends ConnectionInput {
  dagId: string;
  state?: RunState;
  /** ISO time: only runs that started at or after it. */
  since?: string;
  offset?: number;
  limit?: number;
}

export const listRunsTool: AgentTool<RunsInput> = {
  name: 'airflow_listRuns',
  progress: (i) => `Listing the runs of ${oneLine(i.dagId, 60)}`,
  async run(input, on) {
    const offset = Math.max(0, Math.floor(input.offset ?? 0));
    const limit = Math.min(100, Math.max(1, Math.floor(input.limit ?? 25)));
    const since = input.since ? Date.parse(input.since) : undefined;
    if (since !== undefined && Number.isNaN(since))
      return `Error: "since" is not an ISO date-time: ${oneLine(input.since ?? '', 60)}.`;
    const page = await on.client.listDagRuns(input.dagId, input.state ? { states: [input.state] } : {}, {
      offset,
      limit,
    });
    // Newest first: the runs before `since` end the list.
    const runs =
      since === undefined ? page.items : page.items.filter((r) => Date.parse(r.startDate ?? r.queuedAt ?? '') >= since);
    const out = new ToolText();
    out.add(header(on));
    out.add(
      `${page.total} runs of ${oneLine(input.dagId, 250)}${input.state ? ` in state ${input.state}` : ''}, newest first:`,
    );
    out.items(runs, runLine, { offset, total: since === undefined ? page.total : offset + runs.length });
    return out.end();
  },
};

function runLine(r: DagRun): string {
  const took =
    r.startDate && r.endDate ? `, took ${duration((Date.parse(r.endDate) - Date.parse(r.startDate)) / 1000)}` : '';
  const conf = Object.keys(r.conf ?? {}).length ? `; conf ${oneLine(JSON.stringify(r.conf), 300)}` : '';
  return `- run_id ${oneLine(r.runId, 250)}: ${r.state}, ${oneLine(r.runType, 30)}, started ${when(r.startDate)}${took}${conf}`;
}

interface RunInput extends ConnectionInput {
  dagId: string;
  runId: string;
  offset?: number;
}

export const runTasksTool: AgentTool<RunInput> = {
  name: 'airflow_runTasks',
  progress: (i) => `Reading the task instances of run ${oneLine(i.runId, 60)}`,
  async run(input, on) {
    const [run, tis] = await Promise.all([
      on.client.getDagRun(input.dagId, input.runId),
      on.client.listTaskInstances(input.dagId, input.runId),
    ]);
    const offset = Math.max(0, Math.floor(input.offset ?? 0));
    // The ones that need a look first: failed, then running, then the rest in start order.
    const rank = (t: TaskInstance) =>
      ['failed', 'upstream_failed'].includes(t.state ?? '') ? 0 : t.state === 'success' ? 2 : 1;
    const sorted = [...tis].sort((a, b) => rank(a) - rank(b) || (a.startDate ?? '').localeCompare(b.startDate ?? ''));
    const out = new ToolText();
    out.add(header(on));
    out.add(
      `Run ${oneLine(run.runId, 250)} of ${oneLine(run.dagId, 250)}: ${run.state}, started ${when(run.startDate)}, ended ${when(run.endDate)}.`,
    );
    if (run.note) out.add(dataBlock('Run note', run.note.slice(0, 1000)));
    out.add(`${tis.length} task instances (failed first):`);
    out.items(sorted.slice(offset), taskLine, { offset, total: tis.length });
    return out.end();
  },
};

function taskLine(t: TaskInstance): string {
  const group = t.taskId.includes('.') ? `, group ${oneLine(t.taskId.slice(0, t.taskId.lastIndexOf('.')), 100)}` : '';
  const map = t.mapIndex >= 0 ? `, map_index ${t.mapIndex}` : '';
  return `- ${oneLine(taskLabel(t), 250)}: ${t.state ?? 'no status'}, try ${t.tryNumber} of ${t.maxTries + 1}, took ${duration(t.duration)}${group}${map}${t.operator ? `, ${oneLine(t.operator, 60)}` : ''}`;
}

interface WaitInput extends RunInput {
  /** At most this many seconds (≤ 600). */
  timeoutSeconds?: number;
}

export const waitForRunTool: AgentTool<WaitInput> = {
  name: 'airflow_waitForRun',
  progress: (i) => `Waiting for run ${oneLine(i.runId, 60)} to end`,
  async run(input, on, _deps, { token }) {
    const limit = Math.min(600, Math.max(1, input.timeoutSeconds ?? 120)) * 1000;
    const started = Date.now();
    let run = await on.client.getDagRun(input.dagId, input.runId);
    while (!FINAL_RUN_STATES.has(run.state) && Date.now() - started < limit && !token.isCancellationRequested) {
      await new Promise((r) => setTimeout(r, Math.min(5000, limit - (Date.now() - started))));
      run = await on.client.getDagRun(input.dagId, input.runId);
    }
    const tis = await on.client.listTaskInstances(input.dagId, input.runId);
    const counts = new Map<string, number>();
    for (const t of tis) counts.set(t.state ?? 'no status', (counts.get(t.state ?? 'no status') ?? 0) + 1);
    const ended = FINAL_RUN_STATES.has(run.state);
    const out = new ToolText();
    out.add(header(on));
    out.add(
      ended
        ? `Run ${oneLine(run.runId, 250)} ended: ${run.state}, at ${when(run.endDate)}.`
        : `Run ${oneLine(run.runId, 250)} is still ${run.state} after ${Math.round((Date.now() - started) / 1000)} s; ask again to wait longer.`,
    );
    out.add(`Task instances: ${[...counts].map(([s, n]) => `${n} ${s}`).join(', ') || 'none yet'}.`);
    const failed = tis.filter((t) => t.state === 'failed');
    const named = failed.slice(0, 30).map((t) => oneLine(taskLabel(t), 100));
    const more =
      failed.length > named.length ? `, … (${failed.length - named.length} more: airflow_runTasks lists them)` : '';
    if (failed.length) out.add(`Failed: ${named.join(', ')}${more} (airflow_taskLog reads why).`);
    return out.end();
  },
};
