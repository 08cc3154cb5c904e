// Commands that change a DAG run or its task instances: clear, mark, delete. Each previews what
// it will change, asks, then acts and reloads the DAG's runs so the tree follows them.
import * as vscode from 'vscode';
import { taskLabel, type TaskInstanceRef, type TaskSelector } from '../airflow';
import type { Services } from '../services';
import { confirm } from '../ui/quickInput';
import { command, type Command } from './command';
import { runTarget, taskTarget, type TaskTarget } from './targets';
import { outsideText } from '../ui/outsideText';

type TaskMark = 'success' | 'failed' | 'skipped';

export function runCommands(s: Services): Command[] {
  return [
    command('airflow.clearRun', (node?: unknown) => clearRun(s, node)),
    command('airflow.markRunSuccess', (node?: unknown) => markRun(s, node, 'success')),
    command('airflow.markRunFailed', (node?: unknown) => markRun(s, node, 'failed')),
    command('airflow.deleteRun', (node?: unknown) => deleteRun(s, node)),
    command('airflow.clearTask', (node?: unknown) => clearTask(s, node)),
    command('airflow.markTaskSuccess', (node?: unknown) => markTask(s, node, 'success')),
    command('airflow.markTaskFailed', (node?: unknown) => markTask(s, node, 'failed')),
    command('airflow.markTaskSkipped', (node?: unknown) => markTask(s, node, 'skipped')),
  ];
}

/** "5 task instances: extract, transform, load [0], …" for a confirmation. */
export function describeRefs(refs: Array<Pick<TaskInstanceRef, 'taskId' | 'mapIndex'>>, shown = 8): string {
  const names = refs.map((r) => taskLabel(r));
  const more = names.length > shown ? `, … (${names.length - shown} more)` : '';
  return `${refs.length} task instance${refs.length === 1 ? '' : 's'}: ${names.slice(0, shown).join(', ')}${more}`;
}

/** Runs `work` under a progress notification, as these requests can take seconds on a busy server. */
function busy<T>(title: string, work: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: outsideText(title) },
    work,
  );
}

async function clearRun(s: Services, node: unknown): Promise<TaskInstanceRef[] | undefined> {
  const target = await runTarget(s, node, 'Clear Run');
  if (!target) return undefined;
  const { client, dagId, runId } = target;
  const scope = await vscode.window.showQuickPick(
    [
      {
        label: 'Only failed tasks',
        onlyFailed: true,
        detail: 'Failed and upstream-failed task instances run again; the rest keep their state.',
      },
      { label: 'All tasks', onlyFailed: false, detail: 'Every task instance of the run runs again.' },
    ],
    {
      title: `Clear run ${outsideText(runId)}`,
      placeHolder: 'Which task instances should run again?',
      ignoreFocusOut: true,
    },
  );
  if (!scope) return undefined;
  const preview = await busy('Finding what to clear…', () =>
    client.clearDagRun(dagId, runId, { onlyFailed: scope.onlyFailed, dryRun: true }),
  );
  if (preview.length === 0) {
    void vscode.window.showInformationMessage(
      `Nothing to clear in run ${outsideText(runId)}${scope.onlyFailed ? ': no task failed' : ''}.`,
    );
    return [];
  }
  if (
    !(await confirm(
      `Clear ${describeRefs(preview)}?`,
      `Clear ${preview.length} in ${runId}`,
      'They are queued to run again; their logs so far are kept as earlier tries.',
    ))
  )
    return undefined;
  const cleared = await busy(`Clearing run ${runId}…`, () =>
    client.clearDagRun(dagId, runId, { onlyFailed: scope.onlyFailed }),
  );
  s.explorer.changedDag(dagId);
  vscode.window.setStatusBarMessage(
    `$(check) Cleared ${cleared.length} task instance(s) of ${outsideText(runId)}`,
    5000,
  );
  return cleared;
}

async function markRun(s: Services, node: unknown, state: 'success' | 'failed'): Promise<boolean> {
  const target = await runTarget(s, node, state === 'success' ? 'Mark Run Success' : 'Mark Run Failed');
  if (!target) return false;
  const { client, dagId, runId } = target;
  // The run endpoint has no dry run: the preview is what the server will change, read from the run's task instances.
  const tis = await busy('Reading the run…', () => client.listTaskInstances(dagId, runId));
  const changing = tis.filter((t) =>
    state === 'success'
      ? t.state !== 'success' && t.state !== 'skipped'
      : !['success', 'failed', 'skipped', 'upstream_failed'].includes(t.state ?? ''),
  );
  const effect = changing.length ? `${describeRefs(changing)} become ${state}.` : 'No task instance changes state.';
  if (!(await confirm(`Mark run ${runId} as ${state}?`, `Mark ${runId} ${state}`, effect))) return false;
  await busy(`Marking ${runId} ${state}…`, () => client.setDagRunState(dagId, runId, state));
  s.explorer.changedDag(dagId);
  return true;
}

async function deleteRun(s: Services, node: unknown): Promise<boolean> {
  const target = await runTarget(s, node, 'Delete Run');
  if (!target) return false;
  const { client, dagId, runId } = target;
  if (
    !(await confirm(
      `Delete run ${runId} of ${dagId}?`,
      `Delete ${runId}`,
      'The run, its task instances and their history are removed from Airflow. This cannot be undone.',
    ))
  )
    return false;
  await busy(`Deleting ${runId}…`, () => client.deleteDagRun(dagId, runId));
  s.explorer.changedDag(dagId);
  vscode.window.setStatusBarMessage(`$(trash) Deleted run ${outsideText(runId)}`, 5000);
  return true;
}

interface ClearOption extends vscode.QuickPickItem {
  key: 'includeDownstream' | 'includeUpstream' | 'onlyFailed';
}

async function clearTask(s: Services, node: unknown): Promise<TaskInstanceRef[] | undefined> {
  const target = await taskTarget(s, node, 'Clear Task');
  if (!target) return undefined;
  const { client, ti } = target;
  const options: ClearOption[] = [
    { label: 'Downstream', key: 'includeDownstream', description: 'also the tasks that depend on it', picked: true },
    { label: 'Upstream', key: 'includeUpstream', description: 'also the tasks it depends on' },
    { label: 'Only failed', key: 'onlyFailed', description: 'skip the ones that succeeded' },
  ];
  const picked = await vscode.window.showQuickPick(options, {
    title: `Clear ${outsideText(taskLabel(ti))} in ${outsideText(ti.runId)}`,
    placeHolder: 'Space toggles an option, Enter goes on',
    canPickMany: true,
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  const chosen = new Set(picked.map((p) => p.key));
  const request = {
    runId: ti.runId,
    tasks: [selector(ti)],
    includeDownstream: chosen.has('includeDownstream'),
    includeUpstream: chosen.has('includeUpstream'),
    onlyFailed: chosen.has('onlyFailed'),
  };
  const preview = await busy('Finding what to clear…', () =>
    client.clearTaskInstances(ti.dagId, { ...request, dryRun: true }),
  );
  if (preview.length === 0) {
    void vscode.window.showInformationMessage(`Nothing to clear for ${outsideText(taskLabel(ti))} with these options.`);
    return [];
  }
  if (
    !(await confirm(
      `Clear ${describeRefs(preview)}?`,
      `Clear ${preview.length} task instance${preview.length === 1 ? '' : 's'}`,
      'They are queued to run again.',
    ))
  )
    return undefined;
  const cleared = await busy(`Clearing ${taskLabel(ti)}…`, () => client.clearTaskInstances(ti.dagId, request));
  s.explorer.changedDag(ti.dagId);
  vscode.window.setStatusBarMessage(`$(check) Cleared ${cleared.length} task instance(s)`, 5000);
  return cleared;
}

async function markTask(s: Services, node: unknown, state: TaskMark): Promise<TaskInstanceRef[] | undefined> {
  const target = await taskTarget(s, node, `Mark Task ${state[0].toUpperCase()}${state.slice(1)}`);
  if (!target) return undefined;
  const { client, ti } = target;
  const ref = refOf(ti);
  const preview = await busy('Finding what changes…', () => client.setTaskInstanceState(ref, state, { dryRun: true }));
  if (preview.length === 0) {
    void vscode.window.showInformationMessage(`${outsideText(taskLabel(ti))} is already ${outsideText(state)}.`);
    return [];
  }
  if (
    !(await confirm(
      `Mark ${describeRefs(preview)} as ${state}?`,
      `Mark ${state}`,
      `In run ${ti.runId} of ${ti.dagId}.`,
    ))
  )
    return undefined;
  const changed = await busy(`Marking ${taskLabel(ti)} ${state}…`, () => client.setTaskInstanceState(ref, state));
  s.explorer.changedDag(ti.dagId);
  return changed;
}

function selector(ti: TaskTarget['ti']): TaskSelector {
  return ti.mapIndex >= 0 ? { taskId: ti.taskId, mapIndex: ti.mapIndex } : ti.taskId;
}

function refOf(ti: TaskTarget['ti']): TaskInstanceRef {
  return { dagId: ti.dagId, runId: ti.runId, taskId: ti.taskId, mapIndex: ti.mapIndex };
}
