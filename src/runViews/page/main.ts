// The run view's page (bundled alone as dist/runView.js for the browser): tabs for Grid, Graph and
// Gantt, the details strip, the state kept across reloads; it sends only the keys it was given.
import { groupsClosedAtFirst } from '../graphModel';
import type { GridFocus } from '../gridNavigation';
import {
  TABS,
  type HostMessage,
  type PageMessage,
  type RunViewState,
  type RunViewTab,
  type TaskAction,
} from '../protocol';
import { drawDetails } from './detailsView';
import { el } from './dom';
import { drawGantt } from './ganttView';
import { drawGraph } from './graphView';
import { drawGrid } from './gridView';

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  getState(): unknown;
  setState(state: RunViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const saved = vscode.getState() as Partial<RunViewState> | undefined;
let tab: RunViewTab = TABS.includes(saved?.tab as RunViewTab) ? (saved!.tab as RunViewTab) : 'grid';
let shown: Extract<HostMessage, { type: 'show' }> | undefined;
let selectedRef = saved?.selectedRef;
const collapsed = new Set<string>();
let groupsSet = false;
const focus: GridFocus = { row: 0, column: 0 };

const root = document.getElementById('run-view')!;
const bar = el('div', { class: 'toolbar', role: 'tablist', 'aria-label': 'Views of the DAG' });
const body = el('div', { class: 'body', role: 'tabpanel' });
const details = el('div', { class: 'details-strip' });
const status = el('p', { class: 'status', role: 'status' });
root.append(bar, status, body, details);

function save(): void {
  if (!shown) return;
  vscode.setState({
    profileId: saved?.profileId,
    dagId: shown.dagId,
    tab,
    selectedRun: shown.selectedRun,
    selectedRef,
  });
}

/** The toolbar's buttons, made once: a redraw only updates them (a button under the pointer stays the same element). */
const NAMES: Record<RunViewTab, string> = { grid: 'Grid', graph: 'Graph', gantt: 'Gantt' };
const tabButtons = TABS.map((t) => {
  const b = el('button', { role: 'tab' }, NAMES[t]);
  b.addEventListener('click', () => {
    tab = t;
    vscode.postMessage({ type: 'tab', tab });
    draw();
  });
  return b;
});
const refreshButton = el('button', { class: 'refresh', 'aria-label': 'Refresh' }, '⟳');
refreshButton.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
const groupsButton = el('button', { class: 'groups' });
groupsButton.addEventListener('click', () => {
  const keys = groupKeys();
  const anyClosed = keys.some((k) => collapsed.has(k));
  for (const k of keys)
    if (anyClosed) collapsed.delete(k);
    else collapsed.add(k);
  draw();
});
const olderButton = el('button', { class: 'older' }, 'Load older runs');
olderButton.addEventListener('click', () => vscode.postMessage({ type: 'loadOlder' }));
bar.append(...tabButtons, refreshButton, groupsButton, olderButton);

function groupKeys(): string[] {
  return shown?.graph.nodes.filter((n) => n.kind === 'group').map((n) => n.key) ?? [];
}

function drawTabs(): void {
  TABS.forEach((t, i) => tabButtons[i].setAttribute('aria-selected', String(t === tab)));
  const keys = groupKeys();
  const words = keys.some((k) => collapsed.has(k)) ? 'Expand all groups' : 'Collapse all groups';
  if (groupsButton.textContent !== words) groupsButton.textContent = words;
  groupsButton.hidden = keys.length === 0 || tab === 'gantt';
  olderButton.hidden = !shown?.hasOlder || tab !== 'grid';
}

const select = (ref: string) => {
  selectedRef = ref;
  vscode.postMessage({ type: 'select', ref });
  save();
};
const toggle = (key: string) => {
  if (!collapsed.delete(key)) collapsed.add(key);
  draw();
};

/** Counts the draws: a Graph whose layout ends after a later draw (another tab, newer data) is not shown. */
let drawn = 0;

function draw(): void {
  const generation = ++drawn;
  drawTabs();
  save();
  if (!shown) return;
  if (tab === 'grid')
    drawGrid(body, shown.grid, collapsed, focus, selectedRef, {
      select: (ref, runId) => {
        if (runId !== shown?.selectedRun) vscode.postMessage({ type: 'selectRun', runId });
        select(ref);
      },
      openLog: (ref) => vscode.postMessage({ type: 'action', action: 'openLog', ref }),
      toggle,
    });
  else if (tab === 'graph')
    void drawGraph(body, shown.graph, collapsed, { select, toggle }, () => generation === drawn).catch((e: unknown) => {
      if (generation === drawn) status.textContent = `The graph could not be laid out: ${String(e)}`;
    });
  else drawGantt(body, shown.gantt, select);
}

/** The details strip's actions, sent to the extension by the key the page was given. */
const act = (action: TaskAction, ref: string) => vscode.postMessage({ type: 'action', action, ref });

window.addEventListener('message', (e: MessageEvent<HostMessage>) => {
  const m = e.data;
  if (!m || typeof m !== 'object') return;
  if (m.type === 'show') {
    shown = m;
    if (!groupsSet) {
      groupsSet = true;
      for (const key of groupsClosedAtFirst(m.graph)) collapsed.add(key);
    }
    status.textContent = '';
    draw();
    drawDetails(details, m.details, act);
  } else if (m.type === 'details') {
    drawDetails(details, m.details, act);
  } else if (m.type === 'error') {
    status.textContent = m.message;
  }
});

drawTabs();
vscode.postMessage({ type: 'ready' });
