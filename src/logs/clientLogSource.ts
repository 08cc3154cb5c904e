// A LogSource over the Airflow client: one try of one task instance. No `vscode`.
import type { AirflowClient, TaskInstance, TaskInstanceRef } from '../airflow';
import type { LogRef } from './logUri';
import type { LogSource, TryStatus } from './logSource';

export function tiRef(ref: LogRef): TaskInstanceRef {
  return { dagId: ref.dagId, runId: ref.runId, taskId: ref.taskId, mapIndex: ref.mapIndex };
}

/** The task instance's current row (its latest try and state), or undefined when the run has no such task. */
export async function currentTaskInstance(client: AirflowClient, ref: LogRef): Promise<TaskInstance | undefined> {
  const all = await client.listTaskInstances(ref.dagId, ref.runId);
  return all.find((t) => t.taskId === ref.taskId && t.mapIndex === ref.mapIndex);
}

export function clientLogSource(client: AirflowClient, ref: LogRef): LogSource {
  const r = tiRef(ref);
  return {
    async status(): Promise<TryStatus> {
      // The tries endpoint is one small request even for a task mapped a thousand times.
      let tries: TaskInstance[] = [];
      try {
        tries = await client.listTries(r);
      } catch {
        // older servers, or a task instance without history: fall back to the run's list
      }
      const latest = tries[tries.length - 1];
      const current =
        latest && latest.tryNumber >= ref.tryNumber ? latest : ((await currentTaskInstance(client, ref)) ?? latest);
      const ofTry = tries.find((t) => t.tryNumber === ref.tryNumber);
      return {
        current: current ? { tryNumber: current.tryNumber, state: current.state } : undefined,
        tryState: ofTry?.state,
      };
    },
    read(token, sink, ended) {
      return client.streamLog(r, ref.tryNumber, { token, ended }, sink);
    },
    wholeFromStart: client.apiVersion === 'v2',
  };
}
