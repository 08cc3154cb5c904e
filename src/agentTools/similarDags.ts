// When a tool names a DAG the server does not have: the DAG ids that come closest, so the agent's
// next call can use the right one ("etl_daly" → "etl_daily").
import { isAirflowError, type AirflowClient } from '../airflow';
import { failureText, type ToolConnection } from './toolContext';
import { oneLine } from './toolText';

/** Edit distance between two short strings (ids), for ranking. */
export function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** " DAGs with similar ids: a, b." (up to 5), or "" when none is near. Asks by each word of the id, longest first. */
export async function similarDags(client: AirflowClient, dagId: string): Promise<string> {
  const words = [...new Set(dagId.split(/[^A-Za-z0-9]+/).filter((w) => w.length >= 3))].sort(
    (a, b) => b.length - a.length,
  );
  const seen = new Set<string>();
  for (const word of words.slice(0, 3)) {
    const page = await client.listDags({ idPattern: word }, { limit: 100 }).catch(() => undefined);
    for (const d of page?.items ?? []) seen.add(d.dagId);
  }
  // The DAG exists: what was not found is something else (a run, a task).
  if (seen.has(dagId)) return '';
  const near = [...seen]
    .map((id) => ({ id, d: distance(id.toLowerCase(), dagId.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(3, Math.floor(dagId.length / 3)))
    .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
    .slice(0, 5);
  return near.length ? ` DAGs with similar ids: ${near.map((x) => oneLine(x.id, 250)).join(', ')}.` : '';
}

/** A tool's failure as its answer; a DAG the server lacks comes with the ids that come closest. */
export async function failureAnswer(err: unknown, on: ToolConnection | undefined, input: object): Promise<string> {
  const dagId = (input as { dagId?: unknown }).dagId;
  const near =
    on && isAirflowError(err) && err.kind === 'notFound' && typeof dagId === 'string'
      ? await similarDags(on.client, dagId)
      : '';
  return failureText(err, on?.name) + near;
}
