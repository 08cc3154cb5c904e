// Loads the tries of a task instance for the explorer, newest first, or says why a server cannot list them.
import { unsupportedMessage } from '../../airflow';
import type { LoadContext } from './loadContext';
import { nodeIds } from './nodeIds';
import type { Node } from './nodes';

/** The try rows under a task. */
export async function taskTryRows(
  { client, current, keep }: LoadContext,
  node: Extract<Node, { kind: 'task' }>,
): Promise<Node[]> {
  if (!client.features.taskTries) {
    // An older Airflow (2.9) cannot list tries: say so under the task, not as an error to retry.
    const text = unsupportedMessage(client.serverVersion, 'taskTries');
    return [
      keep({
        kind: 'message',
        id: nodeIds.triesUnsupported(node.id),
        text: `${text} Open Log of Try… opens any try by its number.`,
        icon: 'info',
      }),
    ];
  }
  const tries = await current(
    client.listTries({
      dagId: node.ti.dagId,
      runId: node.ti.runId,
      taskId: node.ti.taskId,
      mapIndex: node.ti.mapIndex,
    }),
  );
  return tries.reverse().map((ti) => keep({ kind: 'try', id: nodeIds.try(node.id, ti.tryNumber), ti }));
}
