// Where a log tab's identity lives: the URI of a document on our own scheme. Pure: no `vscode`.
// The path is only what the tab shows (`transform [2] try 3 · scheduled__2026-11-23T00:00.log`);
// the query holds profile, DAG, run, task, map index and try, so any id survives a round trip.

import { taskLabel } from '../airflow';

export const LOG_SCHEME = 'airflow-log';

export interface LogRef {
  profileId: string;
  dagId: string;
  runId: string;
  taskId: string;
  /** -1 for an unmapped task. */
  mapIndex: number;
  /** 0 means "the task never ran": the tab explains there is no log yet. */
  tryNumber: number;
}

/** The parts of a URI, as `vscode.Uri.from` takes them. */
export interface UriParts {
  path: string;
  query: string;
}

/** `scheduled__2026-11-23T00:00:00+00:00` -> `scheduled__2026-11-23T00:00`: seconds and a UTC offset of zero add nothing in a title. */
export function shortRunId(runId: string): string {
  return runId.replace(/(T\d\d:\d\d):\d\d(\.\d+)?(\+00:?00|Z)?$/, '$1');
}

/** What the tab shows: `task [mapIndex] try N · run.log`. */
export function logTitle(ref: LogRef): string {
  return `${taskLabel(ref)} try ${ref.tryNumber} · ${shortRunId(ref.runId)}.log`;
}

/**
 * The file name "Save Full Log" suggests: one path segment of letters, digits, `.`, `_` and `-`,
 * not starting with a dot, within 120 characters and ending in `.log`. Ids come from the server:
 * a `/`, `\\` or `..` in them must not move the suggestion out of the folder it is offered in.
 */
export function saveFileName(ref: LogRef): string {
  const stem = logTitle(ref)
    .replace(/\.log$/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/\.{2,}/g, '_')
    .replace(/^[._]+|_+$/g, '');
  return `${stem.slice(0, 116) || 'airflow'}.log`;
}

/** Slashes would make folders of a title; a look-alike keeps it readable. */
function pathSafe(s: string): string {
  return s.replace(/[/\\]/g, '∕');
}

export function encodeLogUri(ref: LogRef): UriParts {
  const q = new URLSearchParams({
    profile: ref.profileId,
    dag: ref.dagId,
    run: ref.runId,
    task: ref.taskId,
    map: String(ref.mapIndex),
    try: String(ref.tryNumber),
  });
  return { path: `/${pathSafe(ref.dagId)}/${pathSafe(logTitle(ref))}`, query: q.toString() };
}

/** The reference in a URI's query, or undefined when it is not one of ours or is incomplete. */
export function decodeLogUri(parts: { query: string }): LogRef | undefined {
  const q = new URLSearchParams(parts.query);
  const profileId = q.get('profile');
  const dagId = q.get('dag');
  const runId = q.get('run');
  const taskId = q.get('task');
  const mapIndex = Number(q.get('map') ?? '-1');
  const tryNumber = Number(q.get('try'));
  if (!profileId || !dagId || !runId || !taskId) return undefined;
  if (!Number.isInteger(mapIndex) || !Number.isInteger(tryNumber) || tryNumber < 0) return undefined;
  return { profileId, dagId, runId, taskId, mapIndex, tryNumber };
}

/** A stable key for one try's log (the same whatever the title looks like). */
export function logKey(ref: LogRef): string {
  return encodeLogUri(ref).query;
}
