// How states look: icon and colour per run/task state. No `vscode` import: the colour ids are
// contributed in package.json (`airflow.state.*`) so themes can override them.
import type { RunState, TaskState } from '../airflow';

export interface StateLook {
  icon: string;
  /** A contributed colour id, or undefined for the theme's default foreground. */
  color?: string;
  label: string;
}

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
  restarting: { icon: 'debug-restart', color: 'airflow.state.restarting', label: 'restarting' },
  deferred: { icon: 'watch', color: 'airflow.state.deferred', label: 'deferred' },
  shutdown: { icon: 'circle-slash', color: 'airflow.state.failed', label: 'shutdown' },
};

const NONE: StateLook = { icon: 'circle-large-outline', color: 'airflow.state.none', label: 'no status' };

export function lookOf(state: RunState | TaskState | undefined): StateLook {
  // Own keys only: a server state named "constructor" must not reach Object.prototype.
  return (state && Object.hasOwn(LOOKS, state) && LOOKS[state]) || NONE;
}

