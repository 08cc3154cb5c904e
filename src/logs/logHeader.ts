// The header lines above a log tab's text: what this is, whether it is being followed, what is left out.
import { formatSize, type LogText } from './logText';

export type SessionState = 'loading' | 'following' | 'complete' | 'missing' | 'error';

/**
 * The command a cut log's header names. No '…' as in its title: one character above U+00FF in the
 * header makes the whole 16 MB tab text two bytes a character, in this host and in VS Code's copy.
 */
export const FULL_LOG_HINT = 'Airflow: Save Full Log';

/** What the header says, as the session knows it. */
export interface HeaderFacts {
  state: SessionState;
  /** `task [2] try 3`. */
  label: string;
  taskState: string | null;
  /** Lines taken so far (counted while loading). */
  received: number;
  intervalMs: number;
  message: string | undefined;
  hints: readonly string[];
  text: LogText;
  /** What to run for the whole log (a command title). */
  fullLogHint: string;
  /** The setting a user changes to see more of a large log. */
  sizeSetting: string;
}

export function logHeader(f: HeaderFacts): string[] {
  const secs = Math.round(f.intervalMs / 100) / 10;
  const out: string[] = [];
  switch (f.state) {
    case 'loading':
      out.push(
        `Airflow log · ${f.label} · loading…${f.received > 0 ? ` ${f.received.toLocaleString('en-US')} lines so far, the latest below` : ''}`,
      );
      break;
    case 'following':
      out.push(`Airflow log · ${f.label} · ${f.taskState ?? 'running'} · following: new lines appear every ${secs} s`);
      break;
    case 'complete':
      out.push(`Airflow log · ${f.label} · ${f.taskState ?? 'no status'} · complete`);
      break;
    case 'missing':
      out.push(`Airflow log · ${f.label} · no log`);
      break;
    case 'error':
      out.push(`Airflow log · ${f.label} · error`);
      break;
  }
  if (f.message) out.push(f.message);
  for (const h of f.hints) out.push(`Note: ${h}`);
  const { dropped } = f.text;
  if (dropped.lines > 0) {
    out.push(
      `Left out: the first ${dropped.lines.toLocaleString('en-US')} lines (${formatSize(dropped.chars)}) of this log; ` +
        `showing the last ${formatSize(f.text.charCount)}. To see it all, run "${f.fullLogHint}" or raise the setting ${f.sizeSetting}.`,
    );
  }
  return out;
}
