// The one way a command runs: optional progress, and one error path (AirflowError -> a message with the action that helps).
import * as vscode from 'vscode';
import { isAirflowError, type AirflowError } from '../airflow';
import type { Services } from '../services';
import { outsideText } from '../ui/outsideText';

/** What the wrapper needs to report a failure; `explorer` (when there is one) reloads after a "not found". */
type Reporter = Pick<Services, 'log' | 'store'> & Partial<Pick<Services, 'explorer'>>;

/** Where a slow command shows that it works: the explorer's progress bar, the status bar, or a notification. */
export type Progress = { where: 'view' } | { where: 'window' | 'notification'; title: string };

export interface Command {
  id: string;
  // Arguments come from VS Code (tree nodes, URIs, other extensions): each handler narrows its own.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  run: (...args: any[]) => unknown;
  progress?: Progress;
}

/** Declares a command; `test/unit/crossCutting/commandsAndLayers.test.ts` finds every `command('airflow.…'` and checks it against package.json. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function command(id: string, run: (...args: any[]) => unknown, progress?: Progress): Command {
  return { id, run, progress };
}

/** The only `registerCommand` call of the extension. */
export function registerCommands(services: Reporter, commands: Command[]): vscode.Disposable[] {
  return commands.map((c) =>
    vscode.commands.registerCommand(c.id, (...args: unknown[]) => runCommand(services, c, args)),
  );
}

/** Runs a command; resolves to its result, or to undefined after telling the user what failed. Never rejects. */
export async function runCommand(services: Reporter, c: Command, args: unknown[]): Promise<unknown> {
  try {
    const work = () => Promise.resolve(c.run(...args));
    if (!c.progress) return await work();
    const location =
      c.progress.where === 'view'
        ? { viewId: 'airflow.explorer' }
        : c.progress.where === 'window'
          ? vscode.ProgressLocation.Window
          : vscode.ProgressLocation.Notification;
    return await vscode.window.withProgress(
      { location, title: 'title' in c.progress ? outsideText(c.progress.title) : undefined },
      work,
    );
  } catch (err) {
    reportError(services, c.id, err);
    return undefined;
  }
}

/** Actions a message offers, by what went wrong: the connection's settings, or the details in the output. */
const EDIT = 'Edit Connection';
const OUTPUT = 'Show Output';
/** The longest error message shown, in characters (the output channel has all of it). */
const ERROR_MAX = 600;

function actionsFor(err: AirflowError): string[] {
  switch (err.kind) {
    case 'unauthenticated':
    case 'unreachable':
    case 'timeout':
    case 'tls':
    case 'notAirflow':
      return [EDIT, OUTPUT];
    default:
      return [OUTPUT];
  }
}

/** Logs a command's failure and shows it: an AirflowError's message says what to do; anything else is a bug, so its stack goes to the output. */
export function reportError(services: Reporter, commandId: string, err: unknown): void {
  const { log } = services;
  if (isAirflowError(err) && err.kind === 'cancelled') {
    log.info(`${commandId}: cancelled`);
    return;
  }
  let message = err instanceof Error ? err.message : String(err);
  if (isAirflowError(err) && err.kind === 'notFound') {
    // The DAG, run or task is gone from the server: the tree must stop showing it.
    services.explorer?.refresh();
    message += ' It may have been deleted; the Airflow view is reloaded.';
  }
  const actions = isAirflowError(err) ? actionsFor(err) : [OUTPUT];
  if (isAirflowError(err)) log.error(`${commandId}: ${message}`);
  else log.error(`${commandId}: ${err instanceof Error && err.stack ? err.stack : message}`);
  const profileId = services.store.active()?.profile.id;
  // The message carries the server's words (a detail, a page title, an address): shown, never obeyed.
  void vscode.window.showErrorMessage(`Airflow: ${outsideText(message, ERROR_MAX)}`, ...actions).then((choice) => {
    if (choice === EDIT) return vscode.commands.executeCommand('airflow.editProfile', profileId);
    if (choice === OUTPUT) log.show(true);
    return undefined;
  });
}
