// How states look: icon and colour per run/task state. No `vscode` import: the colour ids are
// contributed in package.json (`airflow.state.*`) so themes can override them.
import type { RunState, TaskState } from '../airflow';

export interface StateLook {
  icon: string;
  /** A contributed colour id, or undefined for the theme's default foreground. */
  color?: string;
  label: string;
}

/**
 * Every state the v1 and v2 APIs can return (test/unit/views/states.unit.test.ts checks this against the
 * generated API types), each with an icon of its own and the colour the Airflow UI gives it.
 */
const LOOKS: Record<string, StateLook> = {
  success: { icon: 'pass-filled', color: 'airflow.state.success', label: 'success' },
  failed: { icon: 'error', color: 'airflow.state.failed', label: 'failed' },
  running: { icon: 'sync~spin', color: 'airflow.state.running', label: 'running' },
  queued: { icon: 'clock', color: 'airflow.state.queued', label: 'queued' },
  scheduled: { icon: 'calendar', color: 'airflow.state.scheduled', label: 'scheduled' },
  up_for_retry: { icon: 'debug-restart', color: 'airflow.state.upForRetry', label: 'up for retry' },
  up_for_reschedule: { icon: 'history', color: 'airflow.state.upForReschedule', label: 'up for reschedule' },
  upstream_failed: { icon: 'warning', color: 'airflow.state.upstreamFailed', label: 'upstream failed' },
  skipped: { icon: 'debug-step-over', color: 'airflow.state.skipped', label: 'skipped' },
  removed: { icon: 'remove', color: 'airflow.state.removed', label: 'removed' },
  restarting: { icon: 'refresh', color: 'airflow.state.restarting', label: 'restarting' },
  deferred: { icon: 'watch', color: 'airflow.state.deferred', label: 'deferred' },
  awaiting_input: { icon: 'comment-discussion', color: 'airflow.state.awaitingInput', label: 'awaiting input' },
  // Airflow 2.0-2.3 only (an externally stopped task): shown as the failure it ends in.
  shutdown: { icon: 'circle-slash', color: 'airflow.state.failed', label: 'shutdown' },
};

/** No state yet: `null`, or the string "none" that v1 lists among its states. */
export const NO_STATUS: StateLook = { icon: 'circle-large-outline', color: 'airflow.state.none', label: 'no status' };

export function lookOf(state: RunState | TaskState | 'none' | undefined): StateLook {
  if (!state || state === 'none') return NO_STATUS;
  // Own keys only: a server state named "constructor" must not reach Object.prototype.
  if (Object.hasOwn(LOOKS, state)) return LOOKS[state];
  // A state newer than this extension: not "no status", and its name only if it is a plain word (labels go into Markdown).
  const name: string = state;
  return { icon: 'question', label: /^[a-z_]{1,40}$/.test(name) ? name.replace(/_/g, ' ') : 'unknown state' };
}
