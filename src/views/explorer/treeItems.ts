// How each explorer node is drawn: label, icon, tooltip, context value, click command.
import * as vscode from 'vscode';
import {
  dagWebUrl,
  FINAL_RUN_STATES,
  isWebAddress,
  isFinalTaskState,
  taskLabel,
  type TaskInstance,
} from '../../airflow';
import { formatTime, stateWithDuration } from '../format';
import { lookOf } from '../states';
import { contextValue, type Node } from './nodes';
import { combinedState, labelInGroup, stateCounts } from './taskGroups';
import { codeBlock, escapeMarkdown as esc } from '../../ui/markdown';
import { outsideText } from '../../ui/outsideText';
import { dagRowText, runLabel, taskRowLabel } from './treeLabels';

const None = vscode.TreeItemCollapsibleState.None;
const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;

function stateIcon(state: Parameters<typeof lookOf>[0]): vscode.ThemeIcon {
  const look = lookOf(state);
  return new vscode.ThemeIcon(look.icon, look.color ? new vscode.ThemeColor(look.color) : undefined);
}

/** Draws a node; `webRoot` is the profile's web UI, for links in tooltips. */
export function toTreeItem(node: Node, webRoot: string | undefined): vscode.TreeItem {
  switch (node.kind) {
    case 'importErrors': {
      const n = node.errors.length;
      const item = new vscode.TreeItem(`${n} DAG file${n === 1 ? '' : 's'} failed to import`, Collapsed);
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('airflow.state.failed'));
      item.contextValue = contextValue('importErrors');
      return withId(item, node);
    }
    case 'importError': {
      const file = node.error.filename.split('/').pop() ?? node.error.filename;
      const item = new vscode.TreeItem(outsideText(file), None);
      item.description = outsideText(node.error.filename);
      // A fence longer than any backtick run in the trace: server text cannot close the block early.
      item.tooltip = new vscode.MarkdownString().appendMarkdown(
        codeBlock(node.error.stackTrace.slice(0, 2000), 'python'),
      );
      item.iconPath = new vscode.ThemeIcon('file-code');
      item.command = { command: 'airflow.openImportError', title: 'Show Import Error', arguments: [node] };
      item.contextValue = contextValue('importError');
      return withId(item, node);
    }
    case 'dag': {
      const { dag, latest } = node;
      const text = dagRowText(dag);
      const item = new vscode.TreeItem(text.label, Collapsed);
      item.description = text.description;
      item.iconPath = dag.isPaused
        ? new vscode.ThemeIcon('debug-pause', new vscode.ThemeColor('disabledForeground'))
        : stateIcon(latest?.state);
      item.contextValue = contextValue('dag', dag.isPaused ? 'paused' : 'active', node.favorite && 'favorite');
      item.accessibilityInformation = {
        label: [
          dag.displayName,
          dag.isPaused && 'paused',
          `last run ${latest ? lookOf(latest.state).label : 'none'}`,
          dag.schedule ? `schedule ${dag.schedule}` : 'no schedule',
        ]
          .filter(Boolean)
          .join(', '),
        role: 'treeitem',
      };
      const md = new vscode.MarkdownString('', true);
      md.appendMarkdown(
        `**${esc(dag.displayName)}**${dag.displayName !== dag.dagId ? ` (${esc(dag.dagId)})` : ''}${node.favorite ? ' $(star-full)' : ''}\n\n`,
      );
      if (dag.description) md.appendText(`${dag.description}\n\n`);
      md.appendMarkdown(`| | |\n|---|---|\n`);
      md.appendMarkdown(`| Latest run | ${latest ? `${lookOf(latest.state).label} (${esc(latest.runId)})` : '–'} |\n`);
      md.appendMarkdown(
        `| Schedule | ${esc(dag.scheduleDescription ?? dag.schedule ?? 'none')} |\n| Next run | ${time(dag.nextRun)} |\n`,
      );
      md.appendMarkdown(
        `| Owners | ${esc(dag.owners.join(', ') || '–')} |\n| Tags | ${esc(dag.tags.join(', ') || '–')} |\n`,
      );
      md.appendMarkdown(`| File | ${esc(dag.fileLocation ?? '–')} |\n| Last parsed | ${time(dag.lastParsed)} |\n\n`);
      if (webRoot && isWebAddress(webRoot))
        md.appendMarkdown(`[Open in the Airflow web UI](${dagWebUrl(webRoot, dag.dagId)})`);
      item.tooltip = md;
      return withId(item, node);
    }
    case 'run': {
      const { run } = node;
      const item = new vscode.TreeItem(runLabel(run), Collapsed);
      const state = stateWithDuration(run.state, run.startDate, run.endDate);
      item.description = `${state} · ${outsideText(run.runId)}`;
      item.iconPath = stateIcon(run.state);
      item.contextValue = contextValue('run', run.state, FINAL_RUN_STATES.has(run.state) ? 'final' : 'live');
      item.accessibilityInformation = {
        label: `Run ${runLabel(run)}, ${state}, run id ${run.runId}`,
        role: 'treeitem',
      };
      const md = new vscode.MarkdownString('', true);
      md.appendMarkdown(
        `**${esc(run.runId)}**\n\n| | |\n|---|---|\n| State | ${lookOf(run.state).label} |\n| Type | ${esc(run.runType)} |\n`,
      );
      if (run.triggeredBy) md.appendMarkdown(`| Triggered by | ${esc(run.triggeredBy)} |\n`);
      md.appendMarkdown(
        `| Logical date | ${time(run.logicalDate)} |\n| Started | ${time(run.startDate)} |\n| Ended | ${time(run.endDate)} |\n\n`,
      );
      if (run.note) md.appendMarkdown(`Note: ${esc(run.note)}\n\n`);
      if (Object.keys(run.conf).length) md.appendMarkdown(codeBlock(JSON.stringify(run.conf, null, 2), 'json'));
      item.tooltip = md;
      return withId(item, node);
    }
    case 'task':
    case 'try': {
      const { ti } = node;
      const isTry = node.kind === 'try';
      const label = taskRowLabel(ti, isTry, node.kind === 'task' ? node.groupId : undefined);
      const item = new vscode.TreeItem(label, !isTry && ti.tryNumber > 1 ? Collapsed : None);
      const tries =
        !isTry && ti.tryNumber > 0 ? `try ${ti.tryNumber}/${Math.max(ti.tryNumber, ti.maxTries + 1)}` : undefined;
      item.description = [stateWithDuration(ti.state, ti.startDate, ti.endDate), tries].filter(Boolean).join(' · ');
      item.iconPath = stateIcon(ti.state);
      item.contextValue = contextValue(
        isTry ? 'try' : 'taskInstance',
        ti.state ?? 'none',
        ti.mapIndex >= 0 && 'mapped',
        isFinalTaskState(ti.state) ? 'final' : 'live',
      );
      item.accessibilityInformation = {
        label: `${isTry ? `${taskLabel(ti)} ` : ''}${label}, ${item.description}`,
        role: 'treeitem',
      };
      item.tooltip = tiTooltip(ti);
      if (ti.tryNumber > 0) {
        item.command = {
          command: 'airflow.openLog',
          title: 'Open Log',
          arguments: [
            { dagId: ti.dagId, runId: ti.runId, taskId: ti.taskId, mapIndex: ti.mapIndex, tryNumber: ti.tryNumber },
          ],
        };
      }
      return withId(item, node);
    }
    case 'mapped': {
      const name = labelInGroup(node.tis[0]?.displayName ?? node.taskId, node.groupId);
      const item = new vscode.TreeItem(`${outsideText(name)} [${node.tis.length} mapped]`, Collapsed);
      item.description = countsText(node.tis);
      item.iconPath = stateIcon(combinedState(node.tis));
      item.contextValue = contextValue('mappedTask');
      item.accessibilityInformation = { label: `${item.label as string}, ${item.description}`, role: 'treeitem' };
      return withId(item, node);
    }
    case 'group': {
      // As the Airflow UI shows a task group: collapsed, with the state of its worst task and what its tasks are in.
      const state = combinedState(node.tis);
      const item = new vscode.TreeItem(outsideText(node.label), Collapsed);
      item.description = countsText(node.tis);
      item.iconPath = stateIcon(state);
      item.contextValue = contextValue('taskGroup', state ?? 'none');
      item.accessibilityInformation = {
        label: `Task group ${node.label}, ${lookOf(state).label}, ${item.description}`,
        role: 'treeitem',
      };
      const md = new vscode.MarkdownString('', true);
      md.appendMarkdown(
        `**${esc(node.groupId)}** (task group)\n\n| | |\n|---|---|\n| State | ${lookOf(state).label} |\n`,
      );
      for (const [s, n] of stateCounts(node.tis)) md.appendMarkdown(`| ${lookOf(s).label} | ${n} |\n`);
      item.tooltip = md;
      return withId(item, node);
    }
    case 'loadMore': {
      const item = new vscode.TreeItem(`Load more… (${node.shown} of ${node.total})`, None);
      item.iconPath = new vscode.ThemeIcon('more');
      item.command = { command: 'airflow.loadMore', title: 'Load More', arguments: [node] };
      item.contextValue = contextValue('loadMore');
      return withId(item, node);
    }
    case 'message': {
      const item = new vscode.TreeItem(outsideText(node.text, 400), None);
      item.iconPath = new vscode.ThemeIcon(
        node.icon,
        node.icon === 'error' ? new vscode.ThemeColor('errorForeground') : undefined,
      );
      item.tooltip = node.detail === undefined ? undefined : outsideText(node.detail, 2000);
      item.contextValue = contextValue('message', node.retry && 'retry');
      if (node.retry) item.command = { command: 'airflow.retryNode', title: 'Retry', arguments: [node] };
      return withId(item, node);
    }
  }
}

function withId(item: vscode.TreeItem, node: Node): vscode.TreeItem {
  item.id = node.id;
  return item;
}

/** "2 success, 1 failed": how many task instances are in each state, worst first. */
function countsText(tis: TaskInstance[]): string {
  return stateCounts(tis)
    .map(([s, n]) => `${n} ${lookOf(s).label}`)
    .join(', ');
}

function tiTooltip(ti: TaskInstance): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.appendMarkdown(
    `**${esc(ti.displayName)}**${ti.mapIndex >= 0 ? ` \\[${esc(ti.renderedMapIndex ?? String(ti.mapIndex))}\\]` : ''}\n\n| | |\n|---|---|\n`,
  );
  md.appendMarkdown(
    `| State | ${lookOf(ti.state).label} |\n| Try | ${esc(String(ti.tryNumber))} of ${esc(String(ti.maxTries + 1))} |\n| Operator | ${esc(ti.operator ?? '–')} |\n`,
  );
  md.appendMarkdown(
    `| Started | ${time(ti.startDate)} |\n| Ended | ${time(ti.endDate)} |\n| Host | ${esc(ti.hostname ?? '–')} |\n| Pool | ${esc(ti.pool ?? '–')} |\n`,
  );
  if (ti.note) md.appendMarkdown(`\nNote: ${esc(ti.note)}`);
  return md;
}

/** A server time for a tooltip: formatted, or (when it does not parse) the server's text escaped. */
function time(iso: string | null | undefined): string {
  return esc(formatTime(iso));
}
