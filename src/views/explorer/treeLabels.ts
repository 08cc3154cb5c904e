// The words of the explorer's rows (label and description), built from server text and made safe
// with `outsideText`: pure, no `vscode` import, so the property tests can feed them anything.
import { taskLabel, type DagRun, type TaskInstance } from '../../airflow';
import { outsideText } from '../../ui/outsideText';
import { labelInGroup } from './taskGroups';

/** "25 Nov 08:48 · manual": when the run is for (or was queued) and how it was started; the run id goes in the description. */
export function runLabel(run: Pick<DagRun, 'logicalDate' | 'queuedAt' | 'startDate' | 'runType' | 'runId'>): string {
  const when = run.logicalDate ?? run.queuedAt ?? run.startDate;
  const type = outsideText(String(run.runType).replace(/_/g, ' '), 60);
  const d = when ? new Date(when) : undefined;
  if (!d || Number.isNaN(d.getTime())) return `${outsideText(run.runId)} · ${type}`;
  const date = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return `${date} ${time} · ${type}`;
}

/** A DAG row: its display name, and its schedule and paused state. */
export function dagRowText(dag: { displayName: string; schedule: string | null | undefined; isPaused: boolean }): {
  label: string;
  description: string;
} {
  return {
    label: outsideText(dag.displayName),
    description: [
      dag.schedule == null ? 'no schedule' : outsideText(dag.schedule, 100),
      dag.isPaused ? 'paused' : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
  };
}

/** A task row: its name in its group, a mapped expansion's rendered index, or the try. */
export function taskRowLabel(
  ti: Pick<TaskInstance, 'tryNumber' | 'mapIndex' | 'renderedMapIndex' | 'displayName'>,
  isTry: boolean,
  groupId?: string,
): string {
  if (isTry) return `try ${ti.tryNumber}`;
  if (ti.mapIndex >= 0) return ti.renderedMapIndex == null ? `[${ti.mapIndex}]` : outsideText(ti.renderedMapIndex);
  return outsideText(labelInGroup(ti.displayName, groupId));
}

/** A task in a quick pick or a message: "task [2]". */
export function shownTaskLabel(ti: Parameters<typeof taskLabel>[0]): string {
  return outsideText(taskLabel(ti));
}
