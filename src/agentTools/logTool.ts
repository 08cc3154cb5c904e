// The tool that reads a task's log for a model: the error section and the end by default (any
// size of log, streamed through a bounded excerpt), or the whole log in pages on request.
import { taskLabel, type AirflowClient, type LineSink, type TaskInstanceRef } from '../airflow';
import { LogExcerpt, type LogSection } from './logExcerpt';
import { LogPage } from './logPage';
import { header, type AgentTool, type ConnectionInput } from './toolContext';
import { dataBlock, oneLine, ToolText } from './toolText';

/** Reads by continuation token at most this often for a log still being written. */
const MAX_READS = 20;

interface LogInput extends ConnectionInput {
  dagId: string;
  runId: string;
  taskId: string;
  mapIndex?: number;
  tryNumber?: number;
  whole?: boolean;
  offset?: number;
}

/** The try's whole log as it is now, streamed into `sink` (never held whole here). */
export async function streamWholeLog(
  client: AirflowClient,
  ref: TaskInstanceRef,
  tryNumber: number,
  sink: LineSink,
): Promise<boolean> {
  let token: string | null = null;
  for (let read = 0; read < MAX_READS; read++) {
    let first = token !== null;
    const end = await client.streamLog(ref, tryNumber, { token, ended: token === null }, (lines) => {
      // A continued chunk (v1) starts with the newline that ended the previous one.
      if (first && lines[0] === '') lines = lines.slice(1);
      first = false;
      return sink(lines);
    });
    if (end.endOfLog || !end.continuationToken || end.continuationToken === token || end.lines === 0)
      return end.endOfLog;
    token = end.continuationToken;
  }
  return false;
}

/** The latest try of a task instance, from the run's list (one request), or a clear error. */
async function latestTry(client: AirflowClient, ref: Required<TaskInstanceRef>): Promise<number> {
  const tis = await client.listTaskInstances(ref.dagId, ref.runId);
  const ti = tis.find((t) => t.taskId === ref.taskId && t.mapIndex === ref.mapIndex);
  if (!ti) {
    const ids = [...new Set(tis.map((t) => t.taskId))].slice(0, 30).map((id) => oneLine(id, 100));
    throw new Error(
      `run ${oneLine(ref.runId, 200)} has no task ${oneLine(taskLabel(ref), 200)}; its tasks: ${ids.join(', ')}`,
    );
  }
  if (ti.tryNumber < 1)
    throw new Error(
      `${oneLine(taskLabel(ref), 200)} has not run yet (state ${ti.state ?? 'no status'}): it has no log`,
    );
  return ti.tryNumber;
}

const section = (label: string, s: LogSection) =>
  dataBlock(
    `${label}, lines ${s.firstLine}–${s.lastLine}${s.gap ? ` (${s.gap.count} lines left out in the middle)` : ''}`,
    s.gap
      ? [...s.lines.slice(0, s.gap.index), `… ${s.gap.count} lines …`, ...s.lines.slice(s.gap.index)].join('\n')
      : s.lines.join('\n'),
  );

export const taskLogTool: AgentTool<LogInput> = {
  name: 'airflow_taskLog',
  progress: (i) => `Reading the log of ${oneLine(i.taskId, 60)} in run ${oneLine(i.runId, 60)}`,
  async run(input, on) {
    const ref = { dagId: input.dagId, runId: input.runId, taskId: input.taskId, mapIndex: input.mapIndex ?? -1 };
    const tryNumber = input.tryNumber ?? (await latestTry(on.client, ref));
    const out = new ToolText();
    out.add(header(on));
    const what = `${oneLine(taskLabel(ref), 250)}, try ${tryNumber}, run ${oneLine(ref.runId, 250)} of ${oneLine(ref.dagId, 250)}`;
    if (input.whole) {
      const page = new LogPage({ offset: input.offset ?? 0 });
      await streamWholeLog(on.client, ref, tryNumber, page.add);
      const r = page.result();
      out.add(
        `Log of ${what}: ${r.totalLines} lines; these are lines ${r.offset}–${r.offset + r.lines.length - 1} (0-based).`,
      );
      out.add(dataBlock('Log lines', r.lines.join('\n')));
      out.add(
        r.nextOffset !== undefined ? `… ask again with offset ${r.nextOffset} for more.` : '(the end of the log)',
        0,
      );
      return out.end();
    }
    const excerpt = new LogExcerpt();
    const ended = await streamWholeLog(on.client, ref, tryNumber, excerpt.add);
    const r = excerpt.result();
    out.add(
      `Log of ${what}: ${r.totalLines} lines, ${Math.round(r.totalBytes / 1024)} KB${ended ? '' : ' (still being written)'}.`,
    );
    if (r.errorLine) out.add(dataBlock('The error', r.errorLine));
    if (r.error)
      out.add(section(r.error.kind === 'traceback' ? 'The first traceback' : 'Around the first ERROR line', r.error));
    else out.add('No traceback and no ERROR line in this log.');
    if (r.tail.lines.length) out.add(section('The end of the log', r.tail));
    if (r.omittedLines > 0)
      out.add(`(${r.omittedLines} lines not shown: ask with whole: true and an offset to page through them.)`, 0);
    return out.end();
  },
};
