// The tool that answers "what failed lately?": failed runs across all DAGs in one request, their
// failed tasks (one request per DAG), and the error line of the first few from their logs.
import { taskLabel, type AirflowClient, type DagRun, type TaskInstance } from '../airflow';
import { LogExcerpt } from './logExcerpt';
import { streamWholeLog } from './logTool';
import { header, type AgentTool, type ConnectionInput } from './toolContext';
import { dataBlock, oneLine, ToolText, when } from './toolText';

/** Runs described per answer (the rest: "ask again with offset"). */
const RUNS_PER_ANSWER = 20;
/** Logs read for their error line per answer: each may be long. */
const ERROR_LINES = 5;

interface FailuresInput extends ConnectionInput {
  hours?: number;
  offset?: number;
}

export const recentFailuresTool: AgentTool<FailuresInput> = {
  name: 'airflow_recentFailures',
  progress: (i) => `Finding the runs that failed in the last ${i.hours ?? 24} h`,
  async run(input, on) {
    const hours = Math.min(720, Math.max(0.1, input.hours ?? 24));
    const offset = Math.max(0, Math.floor(input.offset ?? 0));
    const since = new Date(Date.now() - hours * 3_600_000).toISOString();
    const page = await on.client.listEndedRuns(
      { states: ['failed'], endedSince: since },
      { offset, limit: RUNS_PER_ANSWER },
    );
    const out = new ToolText();
    out.add(header(on));
    out.add(`${page.total} runs failed in the last ${hours} h (since ${when(since)}), newest first:`);
    const failed = await failedTasks(on.client, page.items);
    let logsRead = 0;
    const lines: string[] = [];
    for (const run of page.items) {
      const tis = failed.get(run.runId + '\n' + run.dagId) ?? [];
      let text = `- DAG ${oneLine(run.dagId, 250)}, run_id ${oneLine(run.runId, 250)}: ended ${when(run.endDate)}; failed tasks: ${
        tis.length
          ? tis.map((t) => `${oneLine(taskLabel(t), 200)} (try ${t.tryNumber})`).join(', ')
          : 'none (the run itself was marked failed or timed out)'
      }`;
      const first = tis[0];
      if (first && logsRead < ERROR_LINES) {
        logsRead++;
        const line = await errorLine(on.client, first);
        if (line) text += `\n${dataBlock(`  error line of ${oneLine(taskLabel(first), 200)}`, line)}`;
      }
      lines.push(text);
    }
    out.items(lines, (l) => l, { offset, total: page.total });
    if (page.items.length > ERROR_LINES)
      out.add(`(Error lines are given for the first ${ERROR_LINES} runs; airflow_taskLog reads any task's log.)`, 0);
    return out.end();
  },
};

/** The failed task instances of each run, by run and DAG: one request per DAG, not per run. */
async function failedTasks(client: AirflowClient, runs: DagRun[]): Promise<Map<string, TaskInstance[]>> {
  const byDag = new Map<string, string[]>();
  for (const r of runs) byDag.set(r.dagId, [...(byDag.get(r.dagId) ?? []), r.runId]);
  const result = new Map<string, TaskInstance[]>();
  await Promise.all(
    [...byDag].map(async ([dagId, runIds]) => {
      const tis = await client.listTaskInstancesOfRuns(dagId, runIds).catch(() => [] as TaskInstance[]);
      for (const t of tis)
        if (t.state === 'failed')
          result.set(t.runId + '\n' + dagId, [...(result.get(t.runId + '\n' + dagId) ?? []), t]);
    }),
  );
  return result;
}

/** The telling line of a failed try's log (its exception), or undefined when the log says none. */
async function errorLine(client: AirflowClient, t: TaskInstance): Promise<string | undefined> {
  const excerpt = new LogExcerpt({ tailLines: 1 });
  try {
    await streamWholeLog(client, t, t.tryNumber, excerpt.add);
  } catch {
    return undefined; // the log is gone or unreadable: the task is still named
  }
  return excerpt.result().errorLine;
}
