// Addresses in Airflow's own web UI for a DAG, a run and a task instance: the 2.x grid and the 3.x pages differ.
import { seg, urlForMessage } from './baseUrl';
import { InvalidInputError } from './errors';
import type { ApiVersion, TaskInstanceRef } from './model';

/**
 * The web UI's root: the profile's `webUrl` when it has one (the UI may sit behind another host
 * than the API), else the API URL without a trailing slash or `/api/v1|v2`.
 */
export function webUiRoot(apiUrl: string, webUrl?: string): string {
  return (webUrl ?? apiUrl).replace(/\/+$/, '').replace(/\/api\/v[12]$/, '');
}

/** True for an absolute http: or https: address: the only kind we open outside VS Code or link to. */
export function isWebAddress(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * `url` when it may be opened outside VS Code, else an InvalidInputError: a `file://` share would
 * hand Windows credentials to another host, a `command:` or `vscode:` address would act in VS Code.
 */
export function requireWebAddress(url: string, what = 'The web UI address'): string {
  if (!isWebAddress(url))
    throw new InvalidInputError(
      `${what} "${urlForMessage(url)}" is not an http:// or https:// address; nothing was opened. Set the connection's webUrl to the https:// address of the Airflow web UI.`,
    );
  return url;
}

/** Both generations answer `/dags/<id>` (2.x redirects it to the grid). */
export function dagWebUrl(root: string, dagId: string): string {
  return `${root}/dags/${seg(dagId)}`;
}

export function runWebUrl(root: string, api: ApiVersion, dagId: string, runId: string): string {
  if (api === 'v1') return `${root}/dags/${seg(dagId)}/grid?${new URLSearchParams({ dag_run_id: runId })}`;
  return `${root}/dags/${seg(dagId)}/runs/${seg(runId)}`;
}

export function taskWebUrl(root: string, api: ApiVersion, ti: TaskInstanceRef): string {
  const mapped = ti.mapIndex !== undefined && ti.mapIndex >= 0;
  if (api === 'v1') {
    const q = new URLSearchParams({ dag_run_id: ti.runId, task_id: ti.taskId });
    if (mapped) q.set('map_index', String(ti.mapIndex));
    return `${root}/dags/${seg(ti.dagId)}/grid?${q}`;
  }
  const task = `${root}/dags/${seg(ti.dagId)}/runs/${seg(ti.runId)}/tasks/${seg(ti.taskId)}`;
  return mapped ? `${task}/mapped/${ti.mapIndex}` : task;
}
