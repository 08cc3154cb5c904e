// Starts the session of one log tab: its size and interval from the settings, a source that asks
// for the profile's client on each read, and what it logs to the output channel.
import * as vscode from 'vscode';
import { isAirflowError, taskLabel } from '../airflow';
import { FULL_LOG_HINT } from './logHeader';
import { refLabel } from './logDocuments';
import { LogSession } from './logSession';
import type { LogSource } from './logSource';
import { logTabMb } from './logText';
import type { LogRef } from './logUri';

export const SIZE_SETTING = 'airflow.logMaxSizeMB';
export const INTERVAL_SETTING = 'airflow.logFollowIntervalSeconds';
/**
 * The default for SIZE_SETTING. VS Code copies a tab's whole text between its processes, and that
 * copy freezes the extension host and grows its memory with the tab, not the log: measured with a
 * 50 MB log, a 16 MB tab froze it 100-150 ms and grew it up to 4.7x the log, an 8 MB one 73-84 ms
 * and 2-2.9x (medians, BENCHMARKS.md). 8 MB is ~70,000 lines, and the end, where a failure shows,
 * is always in it.
 */
export const DEFAULT_MAX_MB = 8;

export interface SessionEvents {
  log: vscode.LogOutputChannel;
  /** The tab's text changed. */
  changed(): void;
  /** The session started or stopped following. */
  followChanged(): void;
  /** New lines arrived while loading. */
  progress(): void;
}

export function startSession(
  ref: LogRef,
  sourceOf: (ref: LogRef) => Promise<LogSource>,
  on: SessionEvents,
): LogSession {
  const config = vscode.workspace.getConfiguration();
  const maxMb = logTabMb(config.get<unknown>(SIZE_SETTING), DEFAULT_MAX_MB);
  const intervalS = Math.max(1, config.get<number>(INTERVAL_SETTING, 3));
  // Each read asks for the profile's client afresh (its settings may have changed meanwhile).
  let last: LogSource | undefined;
  const current = async () => (last = await sourceOf(ref));
  const source: LogSource = {
    status: async () => (await current()).status(),
    read: async (token, sink, ended) => (await current()).read(token, sink, ended),
    get wholeFromStart() {
      return last?.wholeFromStart;
    },
  };
  const session = new LogSession(source, {
    label: `${taskLabel(ref)} try ${ref.tryNumber}`,
    taskLabel: taskLabel(ref),
    tryNumber: ref.tryNumber,
    maxChars: maxMb * 1024 * 1024,
    intervalMs: intervalS * 1000,
    sizeSetting: SIZE_SETTING,
    fullLogHint: FULL_LOG_HINT,
    onChange: () => {
      on.changed();
      if (!session.following) {
        on.log.info(`Log ${refLabel(ref)}: ${session.state} (${session.reads} reads)`);
        on.followChanged();
      }
    },
    onProgress: () => on.progress(),
    describeError: (err) => (isAirflowError(err) ? err.message : err instanceof Error ? err.message : String(err)),
  });
  on.log.info(`Opening log ${refLabel(ref)}`);
  void session.loaded.then(() => {
    if (session.disposed) return;
    on.changed();
    on.log.info(`Log ${refLabel(ref)}: ${session.state}, ${session.text.totalLines} lines in ${session.reads} reads`);
    if (session.following) on.followChanged();
  });
  return session;
}
