// The Graph on the page: laid out left to right by elkjs (groups as boxes around their tasks), drawn
// as SVG, coloured by the selected run. A click on a group opens or closes it; on a task, selects it.
import Elk, { type ELK, type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk-api.js';
import { collapseGraph, type GraphModel, type GraphNode } from '../graphModel';
import { el, stateName, stateWords, svg } from './dom';
import { panByDragging, zoomBar } from './graphZoom';

/**
 * elkjs in a Web Worker, so a big layout never freezes the page: its script (dist/elkWorker.js, at
 * the URL the page's HTML gives) fetched once, when the first Graph is drawn, and started from a blob.
 * A worker that could not be read or failed is forgotten: the next draw starts a new one.
 */
let engine: Promise<{ elk: ELK; failed: Promise<never> }> | undefined;
function layoutEngine(): Promise<{ elk: ELK; failed: Promise<never> }> {
  const starting = (engine ??= (async () => {
    const url = document.getElementById('run-view')?.dataset.layoutWorker;
    if (!url) throw new Error('the page names no layout worker');
    const answer = await fetch(url);
    if (!answer.ok) throw new Error(`the layout worker could not be read (${answer.status})`);
    const blob = URL.createObjectURL(new Blob([await answer.text()], { type: 'text/javascript' }));
    const worker = new Worker(blob);
    // elkjs waits for the worker's answer and nothing else: a worker that cannot start or fails
    // ends the layout here, with the reason, instead of leaving it pending.
    const failed = new Promise<never>((_, reject) =>
      worker.addEventListener('error', (e) => {
        if (engine === starting) engine = undefined;
        worker.terminate();
        reject(new Error(`the layout worker failed: ${e.message || 'it did not start'}`));
      }),
    );
    failed.catch(() => undefined);
    return { elk: new Elk({ workerFactory: () => worker }), failed };
  })());
  starting.catch(() => {
    if (engine === starting) engine = undefined;
  });
  return starting;
}
const TASK = { width: 180, height: 32 };

export interface GraphHandlers {
  select(ref: string): void;
  toggle(groupKey: string): void;
}

/**
 * Lays out and draws the graph into `root`; resolves when drawn. The layout takes time: once it
 * ends, the graph replaces what `root` shows only if `stillWanted()` (the user may have moved on).
 */
export async function drawGraph(
  root: HTMLElement,
  model: GraphModel,
  collapsed: ReadonlySet<string>,
  on: GraphHandlers,
  stillWanted: () => boolean = () => true,
): Promise<void> {
  const graph = collapseGraph(model, collapsed);
  const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
  // The same boxes and edges as drawn (a refresh: only states changed): recoloured in place, no
  // new layout, and a node under the pointer stays the same element.
  const shape = JSON.stringify([graph.nodes.map((n) => [n.key, n.label, n.count, collapsed.has(n.key)]), graph.edges]);
  const drawn = root.querySelector<SVGSVGElement>('svg.graph');
  if (drawn && drawnShapes.get(drawn) === shape) {
    drawn.querySelectorAll<SVGGElement>('g.node').forEach((g) => {
      const node = byKey.get(g.dataset.key ?? '');
      if (!node) return;
      const state = stateName(node.state);
      if (g.dataset.state !== state) g.dataset.state = state;
      const words = nodeWords(node);
      if (g.getAttribute('aria-label') !== words) {
        g.setAttribute('aria-label', words);
        g.querySelector('title')!.textContent = words;
      }
    });
    return;
  }
  const elkNode = (n: GraphNode): ElkNode => {
    const members = graph.nodes.filter((m) => m.parent === n.key);
    return n.kind === 'group' && members.length
      ? {
          id: n.key,
          children: members.map(elkNode),
          layoutOptions: { 'elk.padding': '[top=28,left=12,bottom=12,right=12]' },
        }
      : { id: n.key, ...TASK };
  };
  const edges: ElkExtendedEdge[] = graph.edges.map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] }));
  const ids = (key: string) => byKey.get(key)?.id ?? key;
  const input: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
    },
    children: graph.nodes.filter((n) => n.parent === undefined || !byKey.has(n.parent)).map(elkNode),
    edges,
  };
  // Progress while it is laid out, unless a graph is shown already (a refresh redraws it in place).
  if (!root.querySelector('svg.graph'))
    root.replaceChildren(
      el('p', { class: 'empty' }, `Laying out ${graph.nodes.length} boxes and ${graph.edges.length} edges…`),
    );
  const { elk, failed } = await layoutEngine();
  const laid = await Promise.race([elk.layout(input), failed]);
  if (!stillWanted()) return;
  const size = { width: laid.width ?? 0, height: laid.height ?? 0 };
  const canvas = svg('svg', { viewBox: `0 0 ${size.width} ${size.height}`, role: 'img', class: 'graph' });
  canvas.setAttribute('aria-label', `Graph of ${model.nodes.filter((n) => n.kind === 'task').length} tasks`);
  // Where each node's box starts on the canvas: ELK gives a child's place, and an edge's bends,
  // relative to the node that holds it (an edge's `container`).
  const origin = new Map<string, { x: number; y: number }>([['root', { x: 0, y: 0 }]]);
  const nodesLayer = svg('g');
  // Each edge ends in an arrowhead at its downstream task.
  const arrow = svg('marker', {
    id: 'arrow',
    viewBox: '0 0 8 8',
    refX: 8,
    refY: 4,
    markerWidth: 8,
    markerHeight: 8,
    orient: 'auto-start-reverse',
  });
  arrow.append(svg('path', { d: 'M0,0 L8,4 L0,8 z', class: 'arrowhead' }));
  const defs = svg('defs');
  defs.append(arrow);
  canvas.append(defs);
  const place = (n: ElkNode, dx: number, dy: number) => {
    const node = byKey.get(n.id)!;
    const x = dx + (n.x ?? 0);
    const y = dy + (n.y ?? 0);
    origin.set(n.id, { x, y });
    const g = svg('g', {
      class: `node ${node.kind}`,
      'data-id': node.id,
      'data-key': node.key,
      'data-state': stateName(node.state),
      tabindex: 0,
    });
    const words = nodeWords(node);
    g.setAttribute('aria-label', words);
    g.append(svg('title', {}, words));
    g.append(svg('rect', { x, y, width: n.width ?? 0, height: n.height ?? 0, rx: 4 }));
    const label = node.count !== undefined ? `${node.label} [${node.count}]` : node.label;
    g.append(
      svg(
        'text',
        { x: x + 8, y: y + 20 },
        node.kind === 'group' ? `${collapsed.has(node.key) ? '▸' : '▾'} ${label}` : label,
      ),
    );
    g.addEventListener('click', (e) => {
      e.stopPropagation();
      if (node.kind === 'group') on.toggle(node.key);
      else if (node.refs[0]) on.select(node.refs[0]);
    });
    nodesLayer.append(g);
    for (const child of n.children ?? []) place(child, x, y);
  };
  for (const n of laid.children ?? []) place(n, 0, 0);
  // Edges under the nodes.
  for (const e of (laid.edges ?? []) as (ElkExtendedEdge & { container?: string })[]) {
    const at = origin.get(e.container ?? 'root') ?? { x: 0, y: 0 };
    for (const s of e.sections ?? []) {
      const points = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint];
      canvas.append(
        svg('polyline', {
          class: 'edge',
          'marker-end': 'url(#arrow)',
          'data-from': ids(e.sources[0]),
          'data-to': ids(e.targets[0]),
          points: points.map((p) => `${at.x + p.x},${at.y + p.y}`).join(' '),
        }),
      );
    }
  }
  canvas.append(nodesLayer);
  drawnShapes.set(canvas, shape);
  const scroller = el('div', { class: 'graph-scroller' });
  scroller.append(canvas);
  // A refresh redraws the graph where the user had scrolled it.
  const before = root.querySelector('.graph-scroller');
  root.replaceChildren(zoomBar(canvas, size, scroller), scroller);
  if (before) scroller.scrollTo(before.scrollLeft, before.scrollTop);
  panByDragging(scroller);
}

/** What each drawn graph shows (its boxes and edges), to tell a refresh from a new layout. */
const drawnShapes = new WeakMap<SVGSVGElement, string>();

function nodeWords(node: GraphNode): string {
  const count = node.count !== undefined ? `, ${node.count} mapped` : '';
  return `${node.kind === 'group' ? 'Task group' : 'Task'} ${node.id}: ${stateWords(node.state)}${count}`;
}
