// What an action works on: the tree row it was invoked on, or, from the palette, a DAG → run → task asked with quick picks.
import { InvalidInputError, type AirflowClient, type TaskInstance } from '../airflow';
import { pickDag, pickRun, pickTaskInstance } from '../ui/pickers';
import type { Services } from '../services';
import type { Node } from '../views/explorer/nodes';
import { clientFor } from '../connection/clientFor';

type S = Pick<Services, 'store' | 'clients'>;

export interface DagTarget {
  client: AirflowClient;
  dagId: string;
  /** The row's DAG as the tree knows it (absent from the palette). */
  node?: Extract<Node, { kind: 'dag' }>;
}

export interface RunTarget {
  client: AirflowClient;
  dagId: string;
  runId: string;
  node?: Extract<Node, { kind: 'run' }>;
}

export interface TaskTarget {
  client: AirflowClient;
  ti: Pick<TaskInstance, 'dagId' | 'runId' | 'taskId' | 'mapIndex' | 'state'>;
}

/** A DAG id given by another command (CodeLens, notifications) or a DAG row; else asks. */
export async function dagTarget(s: S, arg: unknown, action: string): Promise<DagTarget | undefined> {
  const { client } = await clientFor(s);
  if (typeof arg === 'string') return { client, dagId: arg };
  if (isNode(arg, 'dag')) return { client, dagId: arg.dag.dagId, node: arg };
  if (isNode(arg, 'run')) return { client, dagId: arg.run.dagId };
  if (arg !== undefined) throw new InvalidInputError(`${action} works on a DAG.`);
  const dagId = await pickDag(client, `${action}: DAG`);
  return dagId ? { client, dagId } : undefined;
}

/**
 * Every DAG of a multi-selection (VS Code passes the clicked row and the selected rows), or the
 * one target; DAG ids, never a pattern, so nothing the user did not choose is touched.
 */
export async function dagTargets(s: S, arg: unknown, selected: unknown, action: string): Promise<DagTarget[]> {
  const rows = Array.isArray(selected)
    ? selected.filter((n): n is Extract<Node, { kind: 'dag' }> => isNode(n, 'dag'))
    : [];
  if (rows.length > 1) {
    const { client } = await clientFor(s);
    return rows.map((node) => ({ client, dagId: node.dag.dagId, node }));
  }
  const one = await dagTarget(s, arg, action);
  return one ? [one] : [];
}

export async function runTarget(s: S, arg: unknown, action: string): Promise<RunTarget | undefined> {
  const { client } = await clientFor(s);
  if (isNode(arg, 'run')) return { client, dagId: arg.run.dagId, runId: arg.run.runId, node: arg };
  if (arg !== undefined && !isNode(arg, 'dag')) throw new InvalidInputError(`${action} works on a DAG run.`);
  const dagId = isNode(arg, 'dag') ? arg.dag.dagId : await pickDag(client, `${action} (1/2): DAG`);
  if (!dagId) return undefined;
  const runId = await pickRun(client, dagId, `${action} (2/2): run`);
  return runId ? { client, dagId, runId } : undefined;
}

export async function taskTarget(s: S, arg: unknown, action: string): Promise<TaskTarget | undefined> {
  const { client } = await clientFor(s);
  if (isNode(arg, 'task') || isNode(arg, 'try')) return { client, ti: arg.ti };
  if (arg !== undefined && !isNode(arg, 'run')) throw new InvalidInputError(`${action} works on a task instance.`);
  let dagId: string | undefined;
  let runId: string | undefined;
  if (isNode(arg, 'run')) ({ dagId, runId } = arg.run);
  else {
    dagId = await pickDag(client, `${action} (1/3): DAG`);
    if (!dagId) return undefined;
    runId = await pickRun(client, dagId, `${action} (2/3): run`);
  }
  if (!runId) return undefined;
  const ti = await pickTaskInstance(client, dagId, runId, `${action} (3/3): task`);
  return ti ? { client, ti } : undefined;
}

export function isNode<K extends Node['kind']>(value: unknown, kind: K): value is Extract<Node, { kind: K }> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind;
}
