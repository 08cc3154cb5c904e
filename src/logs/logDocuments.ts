// What names a log document: its URI on the `airflow-log:` scheme, its language, its label in messages.
import * as vscode from 'vscode';
import { taskLabel } from '../airflow';
import { decodeLogUri, encodeLogUri, LOG_SCHEME, type LogRef } from './logUri';

export const LOG_LANGUAGE = 'airflow-log';

export function logUri(ref: LogRef): vscode.Uri {
  return vscode.Uri.from({ scheme: LOG_SCHEME, ...encodeLogUri(ref) });
}

export function refOf(uri: vscode.Uri): LogRef | undefined {
  return uri.scheme === LOG_SCHEME ? decodeLogUri(uri) : undefined;
}

export function refLabel(ref: LogRef): string {
  return `${ref.dagId} › ${taskLabel(ref)} · run ${ref.runId} · try ${ref.tryNumber}`;
}

/**
 * Resolves once timers and I/O waiting have had a turn: a timer, then an immediate (an immediate
 * alone, set while I/O is handled, runs before either).
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(() => setImmediate(resolve), 0));
}
